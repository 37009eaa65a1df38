package io.driftwatch.drift.stats;

import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Two-sample Kolmogorov–Smirnov test: D = sup |F(x) − G(x)| over the two empirical distributions.
 * The p-value P(D ≥ d) is exact for small exact samples (n·m below 10 000, as Apache Commons Math
 * computes it) and otherwise Kolmogorov's limiting tail at the comparison's effective size n_e
 * with Stephens' (1970) correction, λ = (√n_e + 0.12 + 0.11/√n_e)·D. For sketches, n_e counts
 * each sketch's rank error as one more sample ({@link EmpiricalDistribution#effectiveSize}), so
 * the sketch error widens the null distribution instead of passing for drift.
 */
public final class KsTest {

    /** Commons Math's threshold of n·m between its exact and asymptotic two-sample p-values. */
    static final long EXACT_BELOW_PRODUCT = 10_000;
    private static final KolmogorovSmirnovTest COMMONS = new KolmogorovSmirnovTest();

    private final double statistic;
    private final double pValue;
    private final double effectiveSize;
    private final double statisticError;

    private KsTest(double statistic, double pValue, double effectiveSize, double statisticError) {
        this.statistic = statistic;
        this.pValue = pValue;
        this.effectiveSize = effectiveSize;
        this.statisticError = statisticError;
    }

    public static KsTest between(EmpiricalDistribution reference, EmpiricalDistribution current) {
        double[] max = {0};
        EmpiricalDistribution.walk(reference, current, (x, f, g) -> max[0] = Math.max(max[0], Math.abs(f - g)));
        double d = max[0];
        long n = reference.count();
        long m = current.count();
        double size = EmpiricalDistribution.effectiveSize(reference, current);
        boolean exact = reference.rankError() == 0 && current.rankError() == 0 && n * m < EXACT_BELOW_PRODUCT;
        double p = exact ? COMMONS.exactP(d, (int) n, (int) m, false)
                : NullDistributions.kolmogorovSurvival(scale(size) * d);
        return new KsTest(d, Math.min(1.0, Math.max(0.0, p)), size, reference.rankError() + current.rankError());
    }

    private static double scale(double size) {
        double root = Math.sqrt(size);
        return root + 0.12 + 0.11 / root;
    }

    public double statistic() {
        return statistic;
    }

    public double pValue() {
        return pValue;
    }

    /** The comparison's effective size ({@link EmpiricalDistribution#effectiveSize}), which every statistic's null uses. */
    public double effectiveSize() {
        return effectiveSize;
    }

    /** The D at which the p-value is α, at this comparison's effective size (from the limiting distribution). */
    public double criticalValue(double alpha) {
        return NullDistributions.kolmogorovCritical(alpha) / scale(effectiveSize);
    }

    /**
     * How far D may be from the exact samples' D: the two CDFs' rank errors added (0 for exact
     * samples).
     */
    public double statisticError() {
        return statisticError;
    }
}
