package io.driftwatch.drift.data;

/**
 * When a feature counts as drifted: its statistic's p-value at the window's size below α, and the
 * statistic at least the method's minimum effect.
 *
 * @param alpha            significance of every method's decision
 * @param smallSampleMax   the largest reference or current sample for which the default methods
 *                         are KS and chi-square; above it Wasserstein and Jensen–Shannon, with their
 *                         minimum effects
 * @param wasserstein      minimum effect of the Wasserstein distance, in reference standard deviations
 * @param psi              minimum effect of the population stability index
 * @param jensenShannon    minimum effect of the Jensen–Shannon distance (base 2)
 */
public record DriftThresholds(double alpha, long smallSampleMax, double wasserstein, double psi, double jensenShannon) {

    /**
     * α = 0.05; KS and chi-square up to 1 000 samples; minimum effects 0.1 σ (Wasserstein), 0.2
     * (PSI, the rule of thumb's "significant shift") and 0.03 (Jensen–Shannon: a category's share
     * moving about 3 points).
     */
    public static final DriftThresholds DEFAULTS = new DriftThresholds(0.05, 1_000, 0.1, 0.2, 0.03);

    public DriftThresholds {
        if (!(alpha > 0 && alpha < 1) || smallSampleMax < 0 || !(wasserstein >= 0) || !(psi >= 0) || !(jensenShannon >= 0)) {
            throw new IllegalArgumentException("drift thresholds need 0 < alpha < 1, a non-negative small-sample size "
                    + "and non-negative minimum effects");
        }
    }

    boolean isSmall(long referenceCount, long currentCount) {
        return Math.min(referenceCount, currentCount) <= smallSampleMax;
    }

    /** The smallest statistic that counts as drift, however significant; the tests ask for none. */
    double minimumEffect(DriftMethod method) {
        return switch (method) {
            case KS, CHI_SQUARE -> 0;
            case WASSERSTEIN -> wasserstein;
            case PSI -> psi;
            case JENSEN_SHANNON -> jensenShannon;
        };
    }
}
