package io.driftwatch.drift.stats;

/**
 * Jensen–Shannon distance between two binned distributions, in base 2 so that it lies in
 * [0, 1]: the square root of JSD(P‖Q) = ½ KL(P‖M) + ½ KL(Q‖M), M = ½ (P + Q) (Lin 1991; Endres
 * &amp; Schindelin 2003). Finite without smoothing, so empty bins are used as they are.
 *
 * <p>Without drift, JSD in nats ≈ ⅛ Σ (pᵢ − qᵢ)² / mᵢ to second order, so 8 · ln 2 · distance² / s
 * follows χ² with B − 1 degrees of freedom, s = 1/n_e for the comparison's effective size n_e:
 * the p-value and the critical value at α for the window's size.
 */
public final class JensenShannonDistance {

    private final double distance;

    private JensenShannonDistance(double distance) {
        this.distance = distance;
    }

    public static JensenShannonDistance of(long[] referenceCounts, long[] currentCounts) {
        BinnedDistributions.requireSameBins(referenceCounts, currentCounts);
        double[] p = BinnedDistributions.probabilities(referenceCounts, false);
        double[] q = BinnedDistributions.probabilities(currentCounts, false);
        double divergence = 0;
        for (int i = 0; i < p.length; i++) {
            double m = (p[i] + q[i]) / 2;
            divergence += 0.5 * klTerm(p[i], m) + 0.5 * klTerm(q[i], m);
        }
        return new JensenShannonDistance(Math.sqrt(Math.max(0, divergence / Math.log(2))));
    }

    private static double klTerm(double x, double m) {
        return x > 0 ? x * Math.log(x / m) : 0;
    }

    public double statistic() {
        return distance;
    }

    /** P(distance ≥ this one) without drift, for B bins at effective size n_e; 1 with fewer than two bins. */
    public double pValue(double effectiveSize, int bins) {
        return bins < 2 ? 1
                : NullDistributions.chiSquareSurvival(8 * Math.log(2) * distance * distance * effectiveSize, bins - 1);
    }

    /** The distance at which the p-value is α. */
    public static double criticalValue(double alpha, double effectiveSize, int bins) {
        return bins < 2 ? Double.POSITIVE_INFINITY
                : Math.sqrt(NullDistributions.chiSquareCritical(alpha, bins - 1) / (8 * Math.log(2) * effectiveSize));
    }
}
