package io.driftwatch.drift.stats;

/**
 * Population stability index over fixed bins: PSI = Σ (pᵢ − qᵢ) · ln(pᵢ / qᵢ), p the current and q
 * the reference share of bin i (Siddiqi 2006; Yurdakul 2018). Empty bins are floored at 1e-4 of
 * the mass before renormalising. Rule of thumb: below 0.1 stable, 0.1–0.2 moderate, above 0.2
 * a significant shift.
 *
 * <p>Without drift, PSI ≈ Σ (pᵢ − qᵢ)² / qᵢ to second order, so PSI / s follows χ² with B − 1
 * degrees of freedom, s = 1/n_e for the comparison's effective size n_e (Yurdakul 2018): the
 * p-value and the critical value at α for the window's size.
 */
public final class PsiScore {

    private final double psi;

    private PsiScore(double psi) {
        this.psi = psi;
    }

    public static PsiScore of(long[] referenceCounts, long[] currentCounts) {
        BinnedDistributions.requireSameBins(referenceCounts, currentCounts);
        double[] q = BinnedDistributions.probabilities(referenceCounts, true);
        double[] p = BinnedDistributions.probabilities(currentCounts, true);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += (p[i] - q[i]) * Math.log(p[i] / q[i]);
        }
        return new PsiScore(sum);
    }

    public double statistic() {
        return psi;
    }

    /** P(PSI ≥ this one) without drift, for B bins at effective size n_e; 1 with fewer than two bins. */
    public double pValue(double effectiveSize, int bins) {
        return bins < 2 ? 1 : NullDistributions.chiSquareSurvival(psi * effectiveSize, bins - 1);
    }

    /** The PSI at which the p-value is α. */
    public static double criticalValue(double alpha, double effectiveSize, int bins) {
        return bins < 2 ? Double.POSITIVE_INFINITY : NullDistributions.chiSquareCritical(alpha, bins - 1) / effectiveSize;
    }
}
