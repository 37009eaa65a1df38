package io.driftwatch.drift.data;

import io.driftwatch.drift.stats.MultipleTesting;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A model's features in one window, decided together: the features decided by a test are
 * corrected for multiple testing (their adjusted p-values reported), those decided by an effect
 * size keep their verdict, and the dataset drifts when the drifted share reaches a threshold.
 */
public record WindowVerdict(List<FeatureVerdict> features, double driftedShare, boolean datasetDrift) {

    public WindowVerdict {
        features = List.copyOf(features);
    }

    /**
     * @param datasetShare the share of drifted features at which the dataset counts as drifted (default 0.5)
     */
    public static WindowVerdict of(List<FeatureVerdict> verdicts, MultipleTesting correction, double alpha,
                                   double datasetShare) {
        List<Integer> tests = IntStream.range(0, verdicts.size())
                .filter(i -> verdicts.get(i).method().isTest()).boxed().toList();
        double[] p = tests.stream().mapToDouble(i -> verdicts.get(i).pValue()).toArray();
        boolean[] rejected = correction.rejected(p, alpha);
        double[] adjusted = correction.adjusted(p);
        List<FeatureVerdict> corrected = new ArrayList<>(verdicts);
        for (int t = 0; t < tests.size(); t++) {
            int i = tests.get(t);
            corrected.set(i, verdicts.get(i).corrected(adjusted[t], rejected[t]));
        }
        long drifted = corrected.stream().filter(FeatureVerdict::drifted).count();
        double share = corrected.isEmpty() ? 0 : (double) drifted / corrected.size();
        return new WindowVerdict(corrected, share, !corrected.isEmpty() && share >= datasetShare);
    }
}
