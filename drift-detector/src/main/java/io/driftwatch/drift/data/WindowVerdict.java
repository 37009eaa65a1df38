package io.driftwatch.drift.data;

import io.driftwatch.drift.stats.MultipleTesting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
        double[] adjusted = adjusted(correction, p);
        List<FeatureVerdict> corrected = new ArrayList<>(verdicts);
        for (int t = 0; t < tests.size(); t++) {
            int i = tests.get(t);
            corrected.set(i, verdicts.get(i).corrected(adjusted[t], rejected[t]));
        }
        long drifted = corrected.stream().filter(FeatureVerdict::drifted).count();
        double share = corrected.isEmpty() ? 0 : (double) drifted / corrected.size();
        return new WindowVerdict(corrected, share, !corrected.isEmpty() && share >= datasetShare);
    }

    /** Adjusted p-values: Bonferroni m·p; Benjamini–Hochberg min over j ≥ i of m·p₍ⱼ₎/j; all capped at 1. */
    static double[] adjusted(MultipleTesting correction, double[] p) {
        int m = p.length;
        double[] adjusted = new double[m];
        switch (correction) {
            case NONE -> System.arraycopy(p, 0, adjusted, 0, m);
            case BONFERRONI -> IntStream.range(0, m).forEach(i -> adjusted[i] = Math.min(1, p[i] * m));
            default -> {
                Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
                Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
                double running = 1;
                for (int rank = m; rank >= 1; rank--) {
                    int i = order[rank - 1];
                    running = Math.min(running, p[i] * m / rank);
                    adjusted[i] = running;
                }
            }
        }
        return adjusted;
    }
}
