package io.driftwatch.drift.stats;

/**
 * Population stability index over fixed bins: PSI = Σ (pᵢ − qᵢ) · ln(pᵢ / qᵢ), p the current and q
 * the reference share of bin i (Siddiqi 2006; Yurdakul 2018). Empty bins are floored at 1e-4 of
 * the mass before renormalising. Rule of thumb: below 0.1 stable, 0.1–0.2 moderate, above 0.2
 * (the default threshold) a significant shift.
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

    public boolean isDrift(double threshold) {
        return psi > threshold;
    }
}
