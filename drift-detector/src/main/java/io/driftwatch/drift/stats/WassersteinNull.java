package io.driftwatch.drift.stats;

import java.util.SplittableRandom;

/**
 * The distribution of the Wasserstein distance between a reference and a window drawn from the
 * same distribution. √n_e · W₁ tends to ∫ |B(F(x))| dx = ∫₀¹ |B(u)| dQ(u), B a Brownian bridge
 * and Q the quantile function (del Barrio, Giné &amp; Matrán 1999), which depends on the
 * distribution's shape but not on n. It is simulated on the reference's own quantiles (seeded
 * bridges, so every run decides alike) and summarised by the gamma distribution with the
 * same mean and variance, whose tail gives smooth p-values beyond the simulated range.
 */
public final class WassersteinNull {

    private static final int GRID = 200;
    private static final int BRIDGES = 1_000;

    private final double shape;
    private final double scale;

    private WassersteinNull(double shape, double scale) {
        this.shape = shape;
        this.scale = scale;
    }

    /**
     * @param reference the reference distribution
     * @param stdDev    the reference standard deviation the distance is normalised by (1 for raw distances)
     */
    public static WassersteinNull of(EmpiricalDistribution reference, double stdDev) {
        double unit = stdDev > 0 ? stdDev : 1;
        double[] dq = new double[GRID - 1];
        for (int j = 1; j < GRID; j++) {
            // The quantile step around grid point u_j = j / GRID.
            dq[j - 1] = (reference.quantile((j + 0.5) / GRID) - reference.quantile((j - 0.5) / GRID)) / unit;
        }
        // Each bridge's integral is Σ_j |B(u_j)| dq_j, so its mean and second moment follow from the bridges' own.
        double mean = 0;
        double secondMoment = 0;
        for (int j = 0; j < GRID - 1; j++) {
            mean += Bridges.MEAN[j] * dq[j];
            double row = 0;
            for (int k = 0; k < GRID - 1; k++) {
                row += Bridges.SECOND_MOMENT[j][k] * dq[k];
            }
            secondMoment += row * dq[j];
        }
        double variance = Math.max(secondMoment - mean * mean, 1e-12);
        if (!(mean > 0)) {
            return new WassersteinNull(1, 1e-12); // a constant reference: any spread is drift
        }
        return new WassersteinNull(mean * mean / variance, variance / mean);
    }

    /**
     * The moments of |B(u_j)| over the simulated Brownian bridges. The bridges do not depend on the
     * reference (the same seeded draws serve every one), so they are simulated once per process and
     * a reference costs a quadratic form instead of a simulation: a processor meeting hundreds of
     * models' references at once must not spend seconds on them inside one transaction.
     */
    private static final class Bridges {

        static final double[] MEAN = new double[GRID - 1];
        static final double[][] SECOND_MOMENT = new double[GRID - 1][GRID - 1];

        static {
            SplittableRandom random = new SplittableRandom(0x5EEDL);
            double[] walk = new double[GRID + 1];
            double[] bridge = new double[GRID - 1];
            for (int b = 0; b < BRIDGES; b++) {
                for (int j = 1; j <= GRID; j++) {
                    walk[j] = walk[j - 1] + gaussian(random) / Math.sqrt(GRID);
                }
                for (int j = 1; j < GRID; j++) {
                    bridge[j - 1] = Math.abs(walk[j] - (double) j / GRID * walk[GRID]);
                }
                for (int j = 0; j < GRID - 1; j++) {
                    MEAN[j] += bridge[j] / BRIDGES;
                    for (int k = j; k < GRID - 1; k++) {
                        SECOND_MOMENT[j][k] += bridge[j] * bridge[k] / BRIDGES;
                    }
                }
            }
            for (int j = 0; j < GRID - 1; j++) {
                for (int k = 0; k < j; k++) {
                    SECOND_MOMENT[j][k] = SECOND_MOMENT[k][j];
                }
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller; one of the pair is enough here.
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** P(W ≥ distance) without drift, at the comparison's effective size n_e. */
    public double pValue(double distance, double effectiveSize) {
        return NullDistributions.gammaSurvival(distance * Math.sqrt(effectiveSize), shape, scale);
    }

    /** The distance at which the p-value is α. */
    public double criticalValue(double alpha, double effectiveSize) {
        return NullDistributions.gammaCritical(alpha, shape, scale) / Math.sqrt(effectiveSize);
    }
}
