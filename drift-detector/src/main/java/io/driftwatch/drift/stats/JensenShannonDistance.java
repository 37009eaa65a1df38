package io.driftwatch.drift.stats;

/**
 * Jensen–Shannon distance between two binned distributions, in base 2 so that it lies in
 * [0, 1]: the square root of JSD(P‖Q) = ½ KL(P‖M) + ½ KL(Q‖M), M = ½ (P + Q) (Lin 1991; Endres
 * &amp; Schindelin 2003). Finite without smoothing, so empty bins are used as they are.
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

    public boolean isDrift(double threshold) {
        return distance > threshold;
    }
}
