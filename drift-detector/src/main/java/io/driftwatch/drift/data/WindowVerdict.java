package io.driftwatch.drift.data;

import io.driftwatch.drift.stats.MultipleTesting;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's features in one window, decided together: every feature's p-value is corrected for
 * multiple testing (adjusted p-values reported), a feature drifts when its correction rejects and
 * its statistic reaches the method's minimum effect, and the dataset drifts when the drifted
 * share reaches a threshold.
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
        double[] p = verdicts.stream().mapToDouble(FeatureVerdict::pValue).toArray();
        boolean[] rejected = correction.rejected(p, alpha);
        double[] adjusted = correction.adjusted(p);
        List<FeatureVerdict> corrected = new ArrayList<>(verdicts.size());
        for (int i = 0; i < verdicts.size(); i++) {
            corrected.add(verdicts.get(i).corrected(adjusted[i], rejected[i]));
        }
        long drifted = corrected.stream().filter(FeatureVerdict::drifted).count();
        double share = corrected.isEmpty() ? 0 : (double) drifted / corrected.size();
        return new WindowVerdict(corrected, share, !corrected.isEmpty() && share >= datasetShare);
    }
}
