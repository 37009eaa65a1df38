package io.driftwatch.drift.stats;

import static io.driftwatch.drift.stats.ReferenceSamples.BIG_X;
import static io.driftwatch.drift.stats.ReferenceSamples.BIG_Y;
import static io.driftwatch.drift.stats.ReferenceSamples.SMALL_X;
import static io.driftwatch.drift.stats.ReferenceSamples.SMALL_Y;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each statistic against SciPy on fixed data. Expected values are printed by
 * {@code /usr/bin/python3 drift-detector/src/test/resources/drift_refs.py} (SciPy 1.10.1).
 * Tolerance 1e-9 where both sides compute the same closed form; looser where noted, with why.
 */
class DriftStatisticsTest {

    private static final double EXACT = 1e-9;

    @Test
    void ksShouldMatchScipyExactOnSmallSamples() {
        // stats.ks_2samp(x, y, method='exact') -> statistic 0.14, pvalue 0.7258742765620629
        KsTest ks = KsTest.between(EmpiricalDistribution.of(SMALL_X), EmpiricalDistribution.of(SMALL_Y));
        assertThat(ks.statistic()).isCloseTo(0.14, within(EXACT));
        assertThat(ks.pValue()).isCloseTo(0.7258742765620629, within(EXACT));
        assertThat(ks.pValue()).isGreaterThan(0.05);
    }

    @Test
    void ksShouldMatchTheAsymptoticKolmogorovDistributionOnLargerSamplesWithTies() {
        // d = stats.ks_2samp(bx, by).statistic = 0.18166666666666667; en = 150*120/270
        // p = stats.kstwobign.sf(d * (sqrt(en) + 0.12 + 0.11/sqrt(en))) = 0.021231583229484416 (Stephens' correction)
        KsTest ks = KsTest.between(EmpiricalDistribution.of(BIG_X), EmpiricalDistribution.of(BIG_Y));
        assertThat(ks.statistic()).isCloseTo(0.18166666666666667, within(EXACT));
        assertThat(ks.pValue()).isCloseTo(0.021231583229484416, within(1e-12));
        assertThat(ks.pValue()).isLessThanOrEqualTo(0.05);
    }

    @Test
    void nullDistributionTailsAndCriticalValuesShouldMatchScipyFarIntoTheTail() {
        // stats.chi2.sf(16, 9), stats.chi2.sf(400, 4), stats.chi2.isf(0.05, 9)
        assertThat(NullDistributions.chiSquareSurvival(16, 9)).isCloseTo(0.06688158777412662, within(1e-12));
        assertThat(NullDistributions.chiSquareSurvival(400, 4) / 2.781632018740826e-85).isCloseTo(1, within(1e-9));
        assertThat(NullDistributions.chiSquareCritical(0.05, 9)).isCloseTo(16.91897760462045, within(1e-6));
        // stats.kstwobign.sf(0.5), .sf(1.2), .sf(6.0), .isf(0.05): both series, and a tail 1 - CDF would round to 0
        assertThat(NullDistributions.kolmogorovSurvival(0.5)).isCloseTo(0.9639452436648751, within(1e-12));
        assertThat(NullDistributions.kolmogorovSurvival(1.2)).isCloseTo(0.11224966667072497, within(1e-12));
        assertThat(NullDistributions.kolmogorovSurvival(6.0) / 1.0760372320042276e-31).isCloseTo(1, within(1e-9));
        assertThat(NullDistributions.kolmogorovCritical(0.05)).isCloseTo(1.3580986393225507, within(1e-9));
        // stats.gamma.sf(3, 7.5, scale=0.2), .sf(40, ...), .isf(0.05, ...)
        assertThat(NullDistributions.gammaSurvival(3, 7.5, 0.2)).isCloseTo(0.011921495938159686, within(1e-12));
        assertThat(NullDistributions.gammaSurvival(40, 7.5, 0.2) / 6.917357319112431e-76).isCloseTo(1, within(1e-9));
        assertThat(NullDistributions.gammaCritical(0.05, 7.5, 0.2)).isCloseTo(2.499579013972863, within(1e-6));
    }

    @Test
    void ksShouldBeZeroWithPValueOneForIdenticalSamples() {
        KsTest ks = KsTest.between(EmpiricalDistribution.of(SMALL_X), EmpiricalDistribution.of(SMALL_X.clone()));
        assertThat(ks.statistic()).isZero();
        assertThat(ks.pValue()).isCloseTo(1.0, within(EXACT));
    }

    @Test
    void wassersteinShouldMatchScipy() {
        // stats.wasserstein_distance(x, y) = 0.32019500000000006; (bx, by) = 0.3023
        assertThat(WassersteinDistance.between(EmpiricalDistribution.of(SMALL_X), EmpiricalDistribution.of(SMALL_Y))
                .statistic()).isCloseTo(0.32019500000000006, within(EXACT));
        WassersteinDistance big = WassersteinDistance.between(EmpiricalDistribution.of(BIG_X), EmpiricalDistribution.of(BIG_Y));
        assertThat(big.statistic()).isCloseTo(0.3023, within(EXACT));
        assertThat(big.normalised(2.0)).isCloseTo(0.15115, within(EXACT));
        assertThat(big.normalised(2.0)).isGreaterThan(0.1);
        assertThat(big.normalised(4.0)).isLessThanOrEqualTo(0.1);
    }

    @Test
    void jensenShannonShouldMatchScipyInBaseTwo() {
        // jensenshannon([120,340,95,0,45], [100,380,60,12,48], base=2) = 0.13145794389946802
        JensenShannonDistance js = JensenShannonDistance.of(new long[]{120, 340, 95, 0, 45}, new long[]{100, 380, 60, 12, 48});
        assertThat(js.statistic()).isCloseTo(0.13145794389946802, within(EXACT));
        assertThat(js.statistic()).isGreaterThan(0.1);
        assertThat(JensenShannonDistance.of(new long[]{1, 0}, new long[]{0, 1}).statistic()).isCloseTo(1.0, within(EXACT));
    }

    @Test
    void psiShouldMatchTheFormulaWithTheEmptyBinFloor() {
        // numpy, floor 1e-4 then renormalise: sum((p-q)*log(p/q)) = 0.14605360617081797
        PsiScore psi = PsiScore.of(new long[]{120, 340, 95, 0, 45}, new long[]{100, 380, 60, 12, 48});
        assertThat(psi.statistic()).isCloseTo(0.14605360617081797, within(EXACT));
        assertThat(psi.statistic()).isLessThanOrEqualTo(0.2);
        assertThat(psi.statistic()).isGreaterThan(0.1);
        assertThat(PsiScore.of(new long[]{5, 5}, new long[]{50, 50}).statistic()).isCloseTo(0.0, within(EXACT));
    }

    @Test
    void chiSquareShouldMatchScipyContingencyWithUnseenCategoriesPooled() {
        // chi2_contingency([[500,300,200,0],[450,310,190,50]], correction=False)
        //   -> 53.05192363000818, p 1.7872206697343444e-11, dof 3
        ChiSquareCategoricalTest chi = ChiSquareCategoricalTest.of(
                Map.of("a", 500L, "b", 300L, "c", 200L),
                Map.of("a", 450L, "b", 310L, "c", 190L, "d", 30L, "e", 20L));
        assertThat(chi.statistic()).isCloseTo(53.05192363000818, within(1e-9));
        // Commons Math computes p = 1 - CDF, so a p-value this small is exact only to ~1e-16 absolute.
        assertThat(chi.pValue()).isCloseTo(1.7872206697343444e-11, within(1e-16));
        assertThat(chi.unseenShare()).isCloseTo(50.0 / 1000, within(EXACT));
        assertThat(chi.pValue()).isLessThanOrEqualTo(0.05);
    }

    @Test
    void chiSquareShouldNotFlagAWindowWithTheReferenceProportions() {
        ChiSquareCategoricalTest chi = ChiSquareCategoricalTest.of(Map.of("a", 600L, "b", 400L), Map.of("a", 60L, "b", 40L));
        assertThat(chi.statistic()).isCloseTo(0.0, within(EXACT));
        assertThat(chi.pValue()).isCloseTo(1.0, within(EXACT));
        assertThat(chi.unseenShare()).isZero();
    }

    @Test
    void benjaminiHochbergShouldReproduceThePapersExample() {
        // Benjamini & Hochberg (1995), section 4.2: 15 p-values; at q = 0.05 BH rejects the 4 smallest,
        // Bonferroni the 3 below 0.05/15.
        double[] p = {0.0201, 0.0001, 0.0004, 0.0019, 0.0095, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262,
                0.5719, 0.6528, 0.7590, 1.0};
        boolean[] bh = MultipleTesting.BENJAMINI_HOCHBERG.rejected(p, 0.05);
        boolean[] bonferroni = MultipleTesting.BONFERRONI.rejected(p, 0.05);
        boolean[] none = MultipleTesting.NONE.rejected(p, 0.05);
        assertThat(count(bh)).isEqualTo(4);
        assertThat(bh[0]).as("0.0201 is rank 5: not rejected").isFalse();
        assertThat(bh[4]).as("0.0095 is rank 4").isTrue();
        assertThat(count(bonferroni)).isEqualTo(3);
        assertThat(count(none)).isEqualTo(9);
    }

    @Test
    void everyCorrectionShouldRejectAPValueExactlyAtItsBoundary() {
        // One boundary for all: reject when p ≤ the level (Benjamini & Hochberg's and Bonferroni's form).
        assertThat(MultipleTesting.NONE.rejected(new double[] {0.05, 0.0500001}, 0.05)).containsExactly(true, false);
        assertThat(MultipleTesting.BONFERRONI.rejected(new double[] {0.025, 0.0250001}, 0.05)).containsExactly(true, false);
        assertThat(MultipleTesting.BENJAMINI_HOCHBERG.rejected(new double[] {0.05, 0.025}, 0.05)).containsExactly(true, true);
        assertThat(MultipleTesting.BENJAMINI_HOCHBERG.rejected(new double[] {0.0500001, 0.0250001}, 0.05))
                .containsExactly(false, false);
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }
}
