package io.driftwatch.drift.stats;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * The distributions the drift statistics follow when nothing drifted, as upper-tail (survival)
 * probabilities and critical values. Tail probabilities are computed as tails, never as 1 − CDF,
 * so a strong drift gets a tiny p-value instead of exactly 0, and features stay ranked.
 */
public final class NullDistributions {

    /** Below this λ the Kolmogorov tail is near 1 and its alternating series converges slowly. */
    private static final double KOLMOGOROV_SERIES_SWITCH = 1.18;

    private NullDistributions() {
    }

    /** P(χ²_df ≥ x): the regularised upper incomplete gamma function Q(df/2, x/2). */
    public static double chiSquareSurvival(double x, double df) {
        return x <= 0 ? 1 : Gamma.regularizedGammaQ(df / 2, x / 2);
    }

    /** The x with P(χ²_df ≥ x) = α. */
    public static double chiSquareCritical(double alpha, double df) {
        return new ChiSquaredDistribution(null, df).inverseCumulativeProbability(1 - alpha);
    }

    /**
     * P(K ≥ λ) for Kolmogorov's limiting distribution of √n·D: 2 Σ (−1)^(k−1) exp(−2k²λ²) in the
     * tail, and 1 − (√(2π)/λ) Σ exp(−(2k−1)²π²/(8λ²)) near the centre, where that tail is large
     * (Marsaglia, Tsang &amp; Wang 2003, eq. 1 and its Jacobi-theta form).
     */
    public static double kolmogorovSurvival(double lambda) {
        if (lambda <= 0) {
            return 1;
        }
        if (lambda < KOLMOGOROV_SERIES_SWITCH) {
            double sum = 0;
            for (int k = 1; k <= 20; k++) {
                double odd = 2 * k - 1;
                sum += Math.exp(-odd * odd * Math.PI * Math.PI / (8 * lambda * lambda));
            }
            return Math.min(1, Math.max(0, 1 - Math.sqrt(2 * Math.PI) / lambda * sum));
        }
        double sum = 0;
        for (int k = 1; k <= 100; k++) {
            double term = Math.exp(-2.0 * k * k * lambda * lambda);
            sum += (k % 2 == 1 ? term : -term);
            if (term < 1e-300) {
                break;
            }
        }
        return Math.min(1, 2 * sum);
    }

    /** The λ with P(K ≥ λ) = α, by bisection (the survival function falls monotonically). */
    public static double kolmogorovCritical(double alpha) {
        double low = 0.1;
        double high = 20;
        for (int i = 0; i < 100; i++) {
            double mid = (low + high) / 2;
            if (kolmogorovSurvival(mid) > alpha) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    /** P(X ≥ x) for a gamma distribution with the given shape and scale. */
    public static double gammaSurvival(double x, double shape, double scale) {
        return x <= 0 ? 1 : Gamma.regularizedGammaQ(shape, x / scale);
    }

    /** The x with P(X ≥ x) = α for a gamma distribution with the given shape and scale. */
    public static double gammaCritical(double alpha, double shape, double scale) {
        return new GammaDistribution(null, shape, scale).inverseCumulativeProbability(1 - alpha);
    }
}
