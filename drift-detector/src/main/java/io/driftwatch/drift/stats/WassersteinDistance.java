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
        // Between consecutive support points both CDFs are flat: add |F − G| times the gap.
        double[] state = {0, Double.NaN, 0}; // sum, previous point, |F − G| there
        EmpiricalDistribution.walk(reference, current, (x, f, g) -> {
            if (!Double.isNaN(state[1])) {
                state[0] += state[2] * (x - state[1]);
            }
            state[1] = x;
            state[2] = Math.abs(f - g);
        });
        return new WassersteinDistance(state[0]);
    }

    public double statistic() {
        return distance;
    }

    /** The distance in units of the reference standard deviation; the raw distance when that is zero. */
    public double normalised(double referenceStdDev) {
        return referenceStdDev > 0 ? distance / referenceStdDev : distance;
    }
}
