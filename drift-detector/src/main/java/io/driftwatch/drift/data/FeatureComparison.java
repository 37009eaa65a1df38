package io.driftwatch.drift.data;

import io.driftwatch.drift.profile.NumericSummary;
import io.driftwatch.drift.stats.CategoryCounts;
import io.driftwatch.drift.stats.ChiSquareCategoricalTest;
import io.driftwatch.drift.stats.EmpiricalDistribution;
import io.driftwatch.drift.stats.JensenShannonDistance;
import io.driftwatch.drift.stats.KsTest;
import io.driftwatch.drift.stats.PsiScore;
import io.driftwatch.drift.stats.WassersteinDistance;
import io.driftwatch.events.CategoricalProfile;
import io.driftwatch.events.NumericProfile;
import java.util.LinkedHashMap;
import java.util.Map;
import io.driftwatch.schemas.sketch.KllSketch;

/**
 * Compares one feature's current window with its reference profile: computes every statistic
 * that applies and decides with the method the sample sizes call for (a test while small, an
 * effect size when large; or the method configured for the feature).
 */
public final class FeatureComparison {

    private FeatureComparison() {
    }

    /**
     * @param current the window's values of the feature, as a KLL sketch
     * @param method  the configured method, or null for the size-based default (KS, else Wasserstein)
     */
    public static FeatureVerdict numeric(String feature, NumericProfile reference, KllSketch current,
                                         DriftThresholds thresholds, DriftMethod method) {
        return numeric(feature, NumericReference.of(reference), current, thresholds, method);
    }

    /** As above, with the reference decoded once for many windows. */
    public static FeatureVerdict numeric(String feature, NumericReference reference, KllSketch current,
                                         DriftThresholds thresholds, DriftMethod method) {
        EmpiricalDistribution ref = reference.distribution();
        EmpiricalDistribution cur = EmpiricalDistribution.of(current);
        KsTest ks = KsTest.between(ref, cur);
        double wasserstein = WassersteinDistance.between(ref, cur).normalised(reference.stdDev());
        long[] referenceBins = reference.binCounts();
        long[] currentBins = NumericSummary.binCounts(current, reference.binEdges());
        double psi = PsiScore.of(referenceBins, currentBins).statistic();
        double js = JensenShannonDistance.of(referenceBins, currentBins).statistic();

        Map<String, Double> statistics = new LinkedHashMap<>();
        statistics.put("ks", ks.statistic());
        statistics.put("ks_p_value", ks.pValue());
        statistics.put("wasserstein", wasserstein);
        statistics.put("psi", psi);
        statistics.put("jensen_shannon", js);
        DriftMethod chosen = method != null ? method
                : thresholds.isSmall(ref.count(), cur.count()) ? DriftMethod.KS : DriftMethod.WASSERSTEIN;
        double value = switch (chosen) {
            case KS -> ks.pValue();
            case WASSERSTEIN -> wasserstein;
            case PSI -> psi;
            case JENSEN_SHANNON -> js;
            case CHI_SQUARE -> throw new IllegalArgumentException("chi-square does not apply to numeric feature " + feature);
        };
        return verdict(feature, true, chosen, statistics, value, thresholds, ref.count(), cur.count());
    }

    /**
     * @param current the window's count per category
     * @param method  the configured method, or null for the size-based default (chi-square, else Jensen–Shannon)
     */
    public static FeatureVerdict categorical(String feature, CategoricalProfile reference, Map<String, Long> current,
                                             DriftThresholds thresholds, DriftMethod method) {
        CategoryCounts counts = CategoryCounts.of(reference.getCategoryCounts(), current);
        ChiSquareCategoricalTest chi = ChiSquareCategoricalTest.of(counts);
        double psi = PsiScore.of(counts.reference(), counts.current()).statistic();
        double js = JensenShannonDistance.of(counts.reference(), counts.current()).statistic();
        long currentCount = counts.currentTotal();

        Map<String, Double> statistics = new LinkedHashMap<>();
        statistics.put("chi_square", chi.statistic());
        statistics.put("chi_square_p_value", chi.pValue());
        statistics.put("psi", psi);
        statistics.put("jensen_shannon", js);
        statistics.put("unseen_share", chi.unseenShare());
        long referenceCount = reference.getCount();
        DriftMethod chosen = method != null ? method
                : thresholds.isSmall(referenceCount, currentCount) ? DriftMethod.CHI_SQUARE : DriftMethod.JENSEN_SHANNON;
        double value = switch (chosen) {
            case CHI_SQUARE -> chi.pValue();
            case PSI -> psi;
            case JENSEN_SHANNON -> js;
            case KS, WASSERSTEIN -> throw new IllegalArgumentException(chosen.reportName()
                    + " does not apply to categorical feature " + feature);
        };
        return verdict(feature, false, chosen, statistics, value, thresholds, referenceCount, currentCount);
    }

    private static FeatureVerdict verdict(String feature, boolean numeric, DriftMethod method,
                                          Map<String, Double> statistics, double value, DriftThresholds thresholds,
                                          long referenceCount, long currentCount) {
        double threshold = thresholds.threshold(method);
        boolean drifted = method.isTest() ? value < threshold : value > threshold;
        return new FeatureVerdict(feature, numeric, method, statistics, method.isTest() ? value : null, null,
                threshold, drifted, referenceCount, currentCount);
    }
}
