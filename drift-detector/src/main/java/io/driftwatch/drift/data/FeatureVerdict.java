package io.driftwatch.drift.data;

import java.util.Map;

/**
 * The drift verdict of one feature in one window: every statistic computed, the deciding method,
 * its p-value (for a test) and threshold, and the sample sizes. Aggregates only.
 *
 * @param adjustedPValue the p-value after the multiple-testing correction; null until corrected or for an effect size
 */
public record FeatureVerdict(String feature, boolean numeric, DriftMethod method, Map<String, Double> statistics,
                             Double pValue, Double adjustedPValue, double threshold, boolean drifted,
                             long referenceCount, long currentCount) {

    public FeatureVerdict {
        statistics = Map.copyOf(statistics);
    }

    FeatureVerdict corrected(double adjusted, boolean rejected) {
        return new FeatureVerdict(feature, numeric, method, statistics, pValue, adjusted, threshold, rejected,
                referenceCount, currentCount);
    }
}
