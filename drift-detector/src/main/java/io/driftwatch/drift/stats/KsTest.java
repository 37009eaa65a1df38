package io.driftwatch.drift.stats;

import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Two-sample Kolmogorov–Smirnov test: D = sup |F(x) − G(x)| over the two empirical distributions.
 * The p-value P(D ≥ d) is exact for small samples (n·m below 10 000) and from the asymptotic
 * Kolmogorov distribution otherwise, as Apache Commons Math decides (Smirnov 1948; Marsaglia,
 * Tsang &amp; Wang 2003).
 */
public final class KsTest {

    /** Commons Math's threshold of n·m between its exact and asymptotic two-sample p-values. */
    static final long EXACT_BELOW_PRODUCT = 10_000;
    private static final KolmogorovSmirnovTest COMMONS = new KolmogorovSmirnovTest();

    private final double statistic;
    private final double pValue;
    private final double statisticError;

    private KsTest(double statistic, double pValue, double statisticError) {
        this.statistic = statistic;
        this.pValue = pValue;
        this.statisticError = statisticError;
    }

    public static KsTest between(EmpiricalDistribution reference, EmpiricalDistribution current) {
        double[] max = {0};
        EmpiricalDistribution.walk(reference, current, (x, f, g) -> max[0] = Math.max(max[0], Math.abs(f - g)));
        double d = max[0];
        long n = reference.count();
        long m = current.count();
        double p = n * m < EXACT_BELOW_PRODUCT
                ? COMMONS.exactP(d, (int) n, (int) m, false)
                : COMMONS.approximateP(d, (int) Math.min(n, Integer.MAX_VALUE), (int) Math.min(m, Integer.MAX_VALUE));
        return new KsTest(d, Math.min(1.0, Math.max(0.0, p)), reference.rankError() + current.rankError());
    }

    public double statistic() {
        return statistic;
    }

    public double pValue() {
        return pValue;
    }

    /**
     * How far D may be from the exact samples' D: the two CDFs' rank errors added (0 for exact
     * samples). The p-value is that of the D computed, so near the decision it is approximate too.
     */
    public double statisticError() {
        return statisticError;
    }

    public boolean isDrift(double alpha) {
        return pValue < alpha;
    }
}
