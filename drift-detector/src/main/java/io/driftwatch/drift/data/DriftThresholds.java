package io.driftwatch.drift.data;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * When a feature counts as drifted: its statistic's p-value at the window's size at most α, and
 * the statistic above the method's minimum effect.
 *
 * @param alpha          significance of every method's decision
 * @param smallSampleMax the largest reference or current sample for which the default methods
 *                       are KS and chi-square; above it Wasserstein and Jensen–Shannon, with their
 *                       minimum effects
 * @param minimumEffects per method with a {@link DriftMethod#thresholdKey() threshold key}, its
 *                       minimum effect (the Wasserstein distance in reference standard deviations);
 *                       a method without one asks for none
 */
public record DriftThresholds(double alpha, long smallSampleMax, Map<DriftMethod, Double> minimumEffects) {

    /**
     * α = 0.05; KS and chi-square up to 1 000 samples; minimum effects 0.1 σ (Wasserstein), 0.2
     * (PSI, the rule of thumb's "significant shift") and 0.03 (Jensen–Shannon: a category's share
     * moving about 3 points).
     */
    public static final DriftThresholds DEFAULTS = new DriftThresholds(0.05, 1_000, 0.1, 0.2, 0.03);

    public DriftThresholds {
        if (!(alpha > 0 && alpha < 1) || smallSampleMax < 0
                || !minimumEffects.values().stream().allMatch(effect -> effect >= 0)) {
            throw new IllegalArgumentException("drift thresholds need 0 < alpha < 1, a non-negative small-sample size "
                    + "and non-negative minimum effects");
        }
        Map<DriftMethod, Double> copy = new EnumMap<>(DriftMethod.class);
        copy.putAll(minimumEffects);
        minimumEffects = Collections.unmodifiableMap(copy);
    }

    /** The thresholds with the minimum effects of the Wasserstein distance, PSI and Jensen–Shannon. */
    public DriftThresholds(double alpha, long smallSampleMax, double wasserstein, double psi, double jensenShannon) {
        this(alpha, smallSampleMax, Map.of(DriftMethod.WASSERSTEIN, wasserstein, DriftMethod.PSI, psi,
                DriftMethod.JENSEN_SHANNON, jensenShannon));
    }

    boolean isSmall(long referenceCount, long currentCount) {
        return Math.min(referenceCount, currentCount) <= smallSampleMax;
    }

    /** The smallest statistic that counts as drift, however significant; 0 for a method without a minimum. */
    public double minimumEffect(DriftMethod method) {
        return minimumEffects.getOrDefault(method, 0.0);
    }
}
