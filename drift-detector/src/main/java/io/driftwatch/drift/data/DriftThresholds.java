package io.driftwatch.drift.data;

/**
 * When a feature counts as drifted.
 *
 * @param alpha            significance of the tests, used while a sample is small
 * @param smallSampleMax   the largest reference or current sample still called small: tests decide
 *                         up to it, effect sizes above it, where every tiny shift is "significant"
 * @param wasserstein      threshold of the Wasserstein distance in reference standard deviations
 * @param psi              threshold of the population stability index
 * @param jensenShannon    threshold of the Jensen–Shannon distance (base 2)
 */
public record DriftThresholds(double alpha, long smallSampleMax, double wasserstein, double psi, double jensenShannon) {

    /** The defaults of the design: α = 0.05 up to 1 000 samples, then 0.1 / 0.2 / 0.1. */
    public static final DriftThresholds DEFAULTS = new DriftThresholds(0.05, 1_000, 0.1, 0.2, 0.1);

    public DriftThresholds {
        if (!(alpha > 0 && alpha < 1) || smallSampleMax < 0 || !(wasserstein > 0) || !(psi > 0) || !(jensenShannon > 0)) {
            throw new IllegalArgumentException("drift thresholds need 0 < alpha < 1, a non-negative small-sample size "
                    + "and positive effect-size thresholds");
        }
    }

    boolean isSmall(long referenceCount, long currentCount) {
        return Math.min(referenceCount, currentCount) <= smallSampleMax;
    }

    double threshold(DriftMethod method) {
        return switch (method) {
            case KS, CHI_SQUARE -> alpha;
            case WASSERSTEIN -> wasserstein;
            case PSI -> psi;
            case JENSEN_SHANNON -> jensenShannon;
        };
    }
}
