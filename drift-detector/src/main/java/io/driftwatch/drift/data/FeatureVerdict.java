package io.driftwatch.drift.data;

import java.util.Map;

/**
 * The drift verdict of one feature in one window: every statistic computed, the deciding method's
 * statistic, its p-value at this window's size, its threshold, and the sample sizes. Aggregates
 * only.
 *
 * @param statistic      the deciding method's statistic (D, χ², W₁ in reference standard deviations, PSI, JS distance)
 * @param pValue         P(statistic this large) without drift, at this window's size and sketch error
 * @param adjustedPValue the p-value after the multiple-testing correction; null until corrected
 * @param threshold      the statistic's threshold at this window's size: its critical value at α, or
 *                       the method's minimum effect where that is larger
 * @param minimumEffect  the smallest statistic that counts as drift however significant (0: none)
 */
public record FeatureVerdict(String feature, boolean numeric, DriftMethod method, Map<String, Double> statistics,
                             double statistic, double pValue, Double adjustedPValue, double threshold,
                             double minimumEffect, boolean drifted, long referenceCount, long currentCount) {

    public FeatureVerdict {
        statistics = Map.copyOf(statistics);
    }

    /** Statistic over threshold: past 1 is past the threshold; comparable across features, methods and windows. */
    public double score() {
        return Double.isFinite(threshold) && threshold > 0 ? statistic / threshold : 0;
    }

    /** Decided again after the multiple-testing correction: rejected, and at least the minimum effect. */
    FeatureVerdict corrected(double adjusted, boolean rejected) {
        return new FeatureVerdict(feature, numeric, method, statistics, statistic, pValue, adjusted, threshold,
                minimumEffect, rejected && statistic > minimumEffect, referenceCount, currentCount);
    }
}
