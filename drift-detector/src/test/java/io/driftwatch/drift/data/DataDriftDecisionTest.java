package io.driftwatch.drift.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.drift.profile.ProfileBuilder;
import io.driftwatch.drift.stats.MultipleTesting;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.TaskType;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import io.driftwatch.schemas.sketch.KllSketch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DataDriftDecisionTest {

    /** SMALL_X and SMALL_Y of drift_refs.py. */
    private static final double[] X = {-0.115, 1.549, 0.969, 0.223, -1.419, -1.913, 1.187, 0.825, -1.995, 0.625,
            -2.388, 0.997, 0.703, 0.966, -0.443, 0.69, -0.262, -1.411, 0.548, 0.479, 0.171, 0.255, -0.607, 0.01,
            -0.319, -0.996, -0.877, -0.063, -2.065, -0.186, 1.374, 1.498, 0.537, 0.534, -0.411, 0.283, -0.537, 0.94,
            -0.514, -1.609};
    private static final double[] Y = {-1.189, -0.635, 1.811, -1.759, 1.52, 0.252, -0.246, 1.087, 3.286, 0.701, 0.476,
            0.663, 0.086, 1.327, -1.054, -0.818, 0.104, 1.072, -1.445, -0.824, -1.775, 0.159, -0.511, 0.782, 0.284,
            -0.747, 2.112, 1.12, -0.24, -0.887, 0.029, 2.029, -1.292, -0.964, -0.639, 0.401, 1.762, 0.949, 0.594, 0.739,
            -0.729, 0.75, 0.31, 0.136, 2.226, -0.106, 0.215, -1.072, -1.256, 1.871};

    @BeforeAll
    static void trustEventClasses() {
        TrustedAvroPackages.trustEvents();
    }

    private static ReferenceProfile profile(double[] numeric, List<String> categories) {
        ProfileBuilder builder = new ProfileBuilder("m", "1", ProfileSource.TRAINING_DATA, TaskType.REGRESSION, 100);
        for (int i = 0; i < Math.max(numeric.length, categories.size()); i++) {
            builder.add(i < numeric.length ? Map.of("x", numeric[i]) : Map.of(),
                    i < categories.size() ? Map.of("c", categories.get(i)) : Map.of(), null, null, null);
        }
        return builder.build(Instant.EPOCH);
    }

    private static KllSketch sketch(double[] values) {
        KllSketch sketch = new KllSketch();
        for (double v : values) {
            sketch.update(v);
        }
        return sketch;
    }

    private static double[] normal(int n, double mean, long seed) {
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = mean + random.nextGaussian();
        }
        return values;
    }

    @Test
    void aSmallNumericWindowShouldBeDecidedByTheKsTest() {
        FeatureVerdict verdict = FeatureComparison.numeric("x", profile(X, List.of()).getNumericFeatures().get("x"),
                sketch(Y), DriftThresholds.DEFAULTS, null);
        assertThat(verdict.method()).isEqualTo(DriftMethod.KS);
        // SciPy ks_2samp(x, y, method='exact').pvalue (drift_refs.py)
        assertThat(verdict.pValue()).isCloseTo(0.7258742765620629, within(1e-9));
        assertThat(verdict.drifted()).isFalse();
        assertThat(verdict.statistics()).containsKeys("ks", "ks_p_value", "wasserstein", "psi", "jensen_shannon");
        assertThat(verdict.referenceCount()).isEqualTo(40);
        assertThat(verdict.currentCount()).isEqualTo(50);
    }

    @Test
    void aLargeNumericWindowShouldBeDecidedByTheNormalisedWasserstein() {
        var reference = profile(normal(5_000, 0, 1), List.of()).getNumericFeatures().get("x");
        FeatureVerdict shifted = FeatureComparison.numeric("x", reference, sketch(normal(5_000, 0.25, 2)),
                DriftThresholds.DEFAULTS, null);
        FeatureVerdict same = FeatureComparison.numeric("x", reference, sketch(normal(5_000, 0, 3)),
                DriftThresholds.DEFAULTS, null);

        assertThat(shifted.method()).isEqualTo(DriftMethod.WASSERSTEIN);
        assertThat(shifted.pValue()).as("tiny, from the tail, not rounded to 0").isPositive().isLessThan(1e-6);
        assertThat(shifted.statistic()).isEqualTo(shifted.statistics().get("wasserstein"));
        assertThat(shifted.threshold()).as("the minimum effect, above the critical value at 5 000").isEqualTo(0.1);
        assertThat(shifted.score()).isEqualTo(shifted.statistic() / 0.1);
        // Sampling noise plus the sketch's random compaction (docs/drift.md) keep it near, not at, 0.25.
        assertThat(shifted.statistics().get("wasserstein")).isCloseTo(0.25, within(0.1));
        assertThat(shifted.drifted()).isTrue();
        assertThat(same.drifted()).isFalse();
        assertThat(FeatureComparison.numeric("x", reference, sketch(normal(5_000, 0.25, 2)), DriftThresholds.DEFAULTS,
                DriftMethod.PSI).method()).isEqualTo(DriftMethod.PSI);
    }

    @Test
    void categoricalWindowsShouldUseChiSquareWhenSmallAndJensenShannonWhenLarge() {
        List<String> reference = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            reference.add(i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : "c");
        }
        var profile = profile(new double[0], reference).getCategoricalFeatures().get("c");

        FeatureVerdict small = FeatureComparison.categorical("c", profile, Map.of("a", 100L, "b", 100L, "c", 100L, "new", 5L),
                DriftThresholds.DEFAULTS, null);
        assertThat(small.method()).isEqualTo(DriftMethod.CHI_SQUARE);
        assertThat(small.statistics().get("unseen_share")).isCloseTo(5.0 / 305, within(1e-12));

        FeatureVerdict large = FeatureComparison.categorical("c", profile, Map.of("a", 2_000L, "b", 500L, "c", 500L),
                DriftThresholds.DEFAULTS, null);
        assertThat(large.method()).isEqualTo(DriftMethod.JENSEN_SHANNON);
        assertThat(large.drifted()).isTrue();
        assertThatThrownBy(() -> FeatureComparison.categorical("c", profile, Map.of("a", 1L), DriftThresholds.DEFAULTS,
                DriftMethod.KS)).hasMessageContaining("categorical feature c");
    }

    @Test
    void theWindowShouldCorrectEveryFeatureAndReportBenjaminiHochbergAdjustedPValues() {
        // Benjamini & Hochberg (1995) example; adjusted p-values from the definition min_{j>=i} m p_(j) / j,
        // e.g. for 0.0001 (rank 1): min(15*0.0001/1, 15*0.0004/2, ...) = 0.0015.
        double[] p = {0.0201, 0.0001, 0.0004, 0.0019, 0.0095, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262,
                0.5719, 0.6528, 0.7590, 1.0};
        double[] expected = {0.0603, 0.0015, 0.003, 0.0095, 0.035625, 0.06385714285714286, 0.06385714285714286, 0.0645,
                0.0765, 0.486, 0.5811818181818182, 0.714875, 0.7532307692307694, 0.8132142857142857, 1.0};
        List<FeatureVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            verdicts.add(new FeatureVerdict("f" + i, true, i == 3 ? DriftMethod.WASSERSTEIN : DriftMethod.KS, Map.of(),
                    0.2, p[i], null, 0.1, i == 3 ? 0.3 : 0, p[i] < 0.05, 100, 100));
        }

        WindowVerdict window = WindowVerdict.of(verdicts, MultipleTesting.BENJAMINI_HOCHBERG, 0.05, 0.5);

        for (int i = 0; i < p.length; i++) {
            assertThat(window.features().get(i).adjustedPValue()).as("f%d", i).isCloseTo(expected[i], within(1e-12));
        }
        assertThat(window.features().stream().filter(FeatureVerdict::drifted).map(FeatureVerdict::feature))
                .as("f3 is rejected too, but its statistic 0.2 is below its minimum effect 0.3")
                .containsExactlyInAnyOrder("f1", "f2", "f4");
        assertThat(window.driftedShare()).isCloseTo(3.0 / 15, within(1e-12));
        assertThat(window.datasetDrift()).isFalse();
        assertThat(WindowVerdict.of(verdicts, MultipleTesting.NONE, 0.05, 0.5).datasetDrift())
                .as("8 of 15 uncorrected (f3 below its minimum effect)").isTrue();
    }

    @Test
    void persistenceShouldNeedKOfTheLastNWindowsAndSurviveARestore() {
        Persistence twoOfThree = new Persistence(2, 3);
        assertThat(twoOfThree.record(true)).isFalse();
        assertThat(twoOfThree.record(false)).isFalse();
        assertThat(twoOfThree.record(true)).isTrue();
        Persistence restored = Persistence.restore(2, 3, twoOfThree.history());
        assertThat(restored.record(false)).as("true, false(old) dropped: 1 of the last 3").isFalse();
        assertThat(restored.record(false)).isFalse();
        assertThatThrownBy(() -> new Persistence(4, 3)).hasMessageContaining("K = 4");
    }

    @Test
    void thresholdsShouldRejectNonsense() {
        assertThatThrownBy(() -> new DriftThresholds(1.5, 1_000, 0.1, 0.2, 0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
