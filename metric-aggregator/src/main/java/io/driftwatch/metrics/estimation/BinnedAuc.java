package io.driftwatch.metrics.estimation;

/**
 * ROC AUC from per-bin masses of positives and negatives (counts, or expected counts): the share of
 * (positive, negative) pairs the bins order correctly, pairs in the same bin counting one half
 * (the Mann–Whitney statistic with ties). Exact when no bin holds both a positive and a negative;
 * otherwise off by at most half the share of such pairs.
 */
public final class BinnedAuc {

    private BinnedAuc() {
    }

    /** @return the area, or null without positives or without negatives */
    public static Double area(double[] positives, double[] negatives) {
        double p = 0;
        double n = 0;
        double ordered = 0;
        for (int bin = 0; bin < positives.length; bin++) {
            ordered += positives[bin] * (n + 0.5 * negatives[bin]);
            p += positives[bin];
            n += negatives[bin];
        }
        return p > 0 && n > 0 ? ordered / (p * n) : null;
    }

    /**
     * Standard error of an AUC of {@code area} over {@code positives} and {@code negatives} (which
     * may be expected counts), by the Mann–Whitney variance in Hanley and McNeil's form ("The
     * meaning and use of the area under a ROC curve", Radiology 1982, eq. 1).
     */
    public static double standardError(double area, double positives, double negatives) {
        double q1 = area / (2 - area);
        double q2 = 2 * area * area / (1 + area);
        double variance = (area * (1 - area) + (positives - 1) * (q1 - area * area)
                + (negatives - 1) * (q2 - area * area)) / (positives * negatives);
        return Math.sqrt(Math.max(0, variance));
    }
}
