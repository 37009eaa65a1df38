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
 * that applies and decides with one method (the size-based default, or the method configured for
 * the feature). Every method decides by its p-value at this window's size — the statistic's null
 * distribution at the comparison's effective size, sketch error included — so a feature's false
 * alarms stay at α however large or small the window; a method's minimum effect, where
 * configured, is asked for on top.
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
        double size = ks.effectiveSize();
        double wasserstein = WassersteinDistance.between(ref, cur).normalised(reference.stdDev());
        long[] referenceBins = reference.binCounts();
        long[] currentBins = NumericSummary.binCounts(current, reference.binEdges());
        PsiScore psi = PsiScore.of(referenceBins, currentBins);
        JensenShannonDistance js = JensenShannonDistance.of(referenceBins, currentBins);
        int bins = referenceBins.length;

        Map<String, Double> statistics = new LinkedHashMap<>();
        statistics.put("ks", ks.statistic());
        statistics.put("ks_p_value", ks.pValue());
        statistics.put("wasserstein", wasserstein);
        statistics.put("psi", psi.statistic());
        statistics.put("jensen_shannon", js.statistic());
        DriftMethod chosen = method != null ? method
                : thresholds.isSmall(ref.count(), cur.count()) ? DriftMethod.KS : DriftMethod.WASSERSTEIN;
        WindowStatistics window = new WindowStatistics(ks, null, wasserstein, reference.wassersteinNull(), psi, js, size,
                bins);
        return verdict(feature, true, chosen, statistics, window, thresholds, ref.count(), cur.count());
    }

    /**
     * @param current the window's count per category
     * @param method  the configured method, or null for the size-based default (chi-square, else Jensen–Shannon)
     */
    public static FeatureVerdict categorical(String feature, CategoricalProfile reference, Map<String, Long> current,
                                             DriftThresholds thresholds, DriftMethod method) {
        CategoryCounts counts = CategoryCounts.of(reference.getCategoryCounts(), current);
        ChiSquareCategoricalTest chi = ChiSquareCategoricalTest.of(counts);
        PsiScore psi = PsiScore.of(counts.reference(), counts.current());
        JensenShannonDistance js = JensenShannonDistance.of(counts.reference(), counts.current());
        long referenceCount = reference.getCount();
        long currentCount = counts.currentTotal();
        // Counts are exact: the two-sample size, no sketch error.
        double size = 1 / (1.0 / Math.max(1, referenceCount) + 1.0 / Math.max(1, currentCount));
        int bins = counts.occupiedColumns();

        Map<String, Double> statistics = new LinkedHashMap<>();
        statistics.put("chi_square", chi.statistic());
        statistics.put("chi_square_p_value", chi.pValue());
        statistics.put("psi", psi.statistic());
        statistics.put("jensen_shannon", js.statistic());
        statistics.put("unseen_share", chi.unseenShare());
        DriftMethod chosen = method != null ? method
                : thresholds.isSmall(referenceCount, currentCount) ? DriftMethod.CHI_SQUARE : DriftMethod.JENSEN_SHANNON;
        WindowStatistics window = new WindowStatistics(null, chi, Double.NaN, null, psi, js, size, bins);
        return verdict(feature, false, chosen, statistics, window, thresholds, referenceCount, currentCount);
    }

    private static FeatureVerdict verdict(String feature, boolean numeric, DriftMethod method,
                                          Map<String, Double> statistics, WindowStatistics window,
                                          DriftThresholds thresholds, long referenceCount, long currentCount) {
        if (!method.appliesTo(numeric)) {
            throw new IllegalArgumentException(method.reportName() + " does not apply to " + (numeric ? "numeric" : "categorical")
                    + " feature " + feature);
        }
        DriftMethod.Decision decision = method.decide(window, thresholds.alpha());
        double minimum = thresholds.minimumEffect(method);
        boolean drifted = decision.pValue() <= thresholds.alpha() && decision.statistic() > minimum;
        return new FeatureVerdict(feature, numeric, method, statistics, decision.statistic(), decision.pValue(), null,
                Math.max(decision.criticalValue(), minimum), minimum, drifted, referenceCount, currentCount);
    }
}
