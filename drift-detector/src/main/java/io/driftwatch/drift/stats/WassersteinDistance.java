package io.driftwatch.drift.stats;

/**
 * First Wasserstein (earth mover's) distance between two distributions on the real line:
 * W1 = ∫ |F(x) − G(x)| dx (Vallender 1974). Divided by the reference standard deviation it is
 * unit-free, so one threshold (default 0.1) serves every feature.
 */
public final class WassersteinDistance {

    private final double distance;

    private WassersteinDistance(double distance) {
        this.distance = distance;
    }

    public static WassersteinDistance between(EmpiricalDistribution reference, EmpiricalDistribution current) {
        double[] support = EmpiricalDistribution.union(reference, current);
        double sum = 0;
        for (int i = 0; i + 1 < support.length; i++) {
            sum += Math.abs(reference.cdf(support[i]) - current.cdf(support[i])) * (support[i + 1] - support[i]);
        }
        return new WassersteinDistance(sum);
    }

    public double statistic() {
        return distance;
    }

    /** The distance in units of the reference standard deviation; the raw distance when that is zero. */
    public double normalised(double referenceStdDev) {
        return referenceStdDev > 0 ? distance / referenceStdDev : distance;
    }

    public boolean isDrift(double referenceStdDev, double threshold) {
        return normalised(referenceStdDev) > threshold;
    }
}
