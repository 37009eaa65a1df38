package io.driftwatch.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.events.CategoricalProfile;
import io.driftwatch.events.NumericProfile;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.TaskType;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import io.driftwatch.schemas.sketch.KllSketch;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProfileBuilderTest {

    /** The 40 values of ReferenceSamples.SMALL_X (see drift_refs.py). */
    private static final double[] X = {-0.115, 1.549, 0.969, 0.223, -1.419, -1.913, 1.187, 0.825, -1.995, 0.625,
            -2.388, 0.997, 0.703, 0.966, -0.443, 0.69, -0.262, -1.411, 0.548, 0.479, 0.171, 0.255, -0.607, 0.01,
            -0.319, -0.996, -0.877, -0.063, -2.065, -0.186, 1.374, 1.498, 0.537, 0.534, -0.411, 0.283, -0.537, 0.94,
            -0.514, -1.609};

    @BeforeAll
    static void trustEventClasses() {
        TrustedAvroPackages.trustEvents();
    }

    private static ProfileBuilder builder() {
        return new ProfileBuilder("m", "1", ProfileSource.TRAINING_DATA, TaskType.BINARY_CLASSIFICATION, 3);
    }

    @Test
    void shouldSummariseANumericFeatureLikeNumpy() {
        ProfileBuilder builder = builder();
        for (double x : X) {
            builder.add(Map.of("x", x), Map.of(), null, null, null);
        }
        NumericProfile x = builder.build(Instant.EPOCH).getNumericFeatures().get("x");

        // numpy: x.mean() = -0.06917500000000001, x.std(ddof=1) = 1.0419020055180643, min -2.388, max 1.549
        assertThat(x.getCount()).isEqualTo(40);
        assertThat(x.getMean()).isCloseTo(-0.06917500000000001, within(1e-12));
        assertThat(x.getStdDev()).isCloseTo(1.0419020055180643, within(1e-12));
        assertThat(x.getMin()).isEqualTo(-2.388);
        assertThat(x.getMax()).isEqualTo(1.549);
        // numpy: np.sort(x)[[3, 7, ..., 35]]: the deciles of 40 distinct values, 4 values per bin
        assertThat(x.getBinEdges()).containsExactly(-1.913, -0.996, -0.514, -0.262, 0.01, 0.283, 0.548, 0.825, 0.997);
        assertThat(x.getBinCounts()).containsExactly(4L, 4L, 4L, 4L, 4L, 4L, 4L, 4L, 4L, 4L);
        KllSketch sketch = KllSketch.fromBuffer(x.getKllSketch());
        assertThat(sketch.getN()).isEqualTo(40);
    }

    @Test
    void shouldCountMissingValuesIncludingRowsBeforeAFeatureFirstAppeared() {
        ProfileBuilder builder = builder();
        builder.add(Map.of("a", 1.0), Map.of(), 0.2, "0", Instant.ofEpochMilli(5_000));
        builder.add(Map.of("a", Double.NaN, "b", 2.0), Map.of("c", ""), 0.9, "1", Instant.ofEpochMilli(1_000));
        builder.add(Map.of(), Map.of("c", "x"), null, null, null);
        ReferenceProfile profile = builder.build(Instant.EPOCH);

        assertThat(profile.getSampleCount()).isEqualTo(3);
        assertThat(profile.getNumericFeatures().get("a").getMissingCount()).isEqualTo(2);
        assertThat(profile.getNumericFeatures().get("b").getMissingCount()).isEqualTo(2);
        assertThat(profile.getCategoricalFeatures().get("c").getMissingCount()).isEqualTo(2);
        assertThat(profile.getScore().getCount()).isEqualTo(2);
        assertThat(profile.getPredictedLabel().getCategoryCounts()).isEqualTo(Map.of("0", 1L, "1", 1L));
        assertThat(profile.getDataFrom()).isEqualTo(Instant.ofEpochMilli(1_000));
        assertThat(profile.getDataTo()).isEqualTo(Instant.ofEpochMilli(5_000));
    }

    @Test
    void shouldKeepAtMostTheBoundOfCategoriesAndPutTheRestInOther() {
        ProfileBuilder builder = builder();
        for (String c : List.of("a", "b", "a", "c", "d", "e", "a", "d")) {
            builder.add(Map.of(), Map.of("c", c), null, null, null);
        }
        CategoricalProfile c = builder.build(Instant.EPOCH).getCategoricalFeatures().get("c");
        assertThat(c.getCategoryCounts()).isEqualTo(Map.of("a", 3L, "b", 1L, "c", 1L));
        assertThat(c.getOtherCount()).isEqualTo(3);
        assertThat(c.getCount()).isEqualTo(8);
    }

    @Test
    void binCountsFromALargeSketchShouldStayWithinItsRankError() {
        ProfileBuilder builder = builder();
        Random random = new Random(3);
        for (int i = 0; i < 100_000; i++) {
            builder.add(Map.of("x", random.nextGaussian()), Map.of(), null, null, null);
        }
        NumericProfile x = builder.build(Instant.EPOCH).getNumericFeatures().get("x");
        assertThat(x.getBinCounts()).hasSize(10);
        assertThat(x.getBinCounts().stream().mapToLong(Long::longValue).sum()).isEqualTo(100_000);
        // Each decile bin holds a tenth, within twice the sketch's rank error (two edges per bin).
        double error = 2 * new KllSketch(200).getNormalizedRankError(false) * 100_000;
        x.getBinCounts().forEach(count -> assertThat((double) count).isCloseTo(10_000, within(error)));
    }

    @Test
    void mergingSummariesOfPartsShouldEqualTheSummaryOfTheWhole() {
        // Three parts of X, as three partitions would see them; each part also misses a feature in some rows.
        ProfileBuilder[] parts = {builder(), builder(), builder()};
        for (int i = 0; i < X.length; i++) {
            Map<String, String> categories = i % 4 == 0 ? Map.of() : Map.of("c", i % 3 == 0 ? "a" : "b");
            parts[i % 3].add(Map.of("x", X[i]), categories, X[i] / 10, i % 2 == 0 ? "0" : "1", Instant.ofEpochMilli(i));
        }
        ProfileBuilder merged = builder();
        merged.merge(parts[2].build(Instant.EPOCH));
        merged.merge(parts[0].build(Instant.EPOCH));
        merged.merge(parts[1].build(Instant.EPOCH));
        ReferenceProfile profile = merged.build(Instant.EPOCH);

        // numpy as above: the whole of X
        NumericProfile x = profile.getNumericFeatures().get("x");
        assertThat(profile.getSampleCount()).isEqualTo(40);
        assertThat(x.getCount()).isEqualTo(40);
        assertThat(x.getMean()).isCloseTo(-0.06917500000000001, within(1e-12));
        assertThat(x.getStdDev()).isCloseTo(1.0419020055180643, within(1e-12));
        assertThat(x.getBinEdges()).containsExactly(-1.913, -0.996, -0.514, -0.262, 0.01, 0.283, 0.548, 0.825, 0.997);
        CategoricalProfile c = profile.getCategoricalFeatures().get("c");
        // rows 0, 4, ..., 36 miss c (10 rows); of the other 30, i % 3 == 0 gives "a": 3, 6, 9, ..., 39 minus multiples of 4
        assertThat(c.getMissingCount()).isEqualTo(10);
        assertThat(c.getCategoryCounts()).isEqualTo(Map.of("a", 10L, "b", 20L));
        assertThat(profile.getScore().getCount()).isEqualTo(40);
        assertThat(profile.getPredictedLabel().getCategoryCounts()).isEqualTo(Map.of("0", 20L, "1", 20L));
        assertThat(profile.getDataFrom()).isEqualTo(Instant.ofEpochMilli(0));
        assertThat(profile.getDataTo()).isEqualTo(Instant.ofEpochMilli(39));
    }

    @Test
    void mergingShouldCountAFeatureAbsentFromOneSideAsMissingInItsRows() {
        ProfileBuilder left = builder();
        left.add(Map.of("a", 1.0), Map.of(), null, null, null);
        ProfileBuilder right = builder();
        right.add(Map.of("b", 2.0), Map.of(), null, null, null);
        right.add(Map.of("b", 3.0), Map.of(), null, null, null);
        left.merge(right.build(Instant.EPOCH));
        ReferenceProfile profile = left.build(Instant.EPOCH);
        assertThat(profile.getNumericFeatures().get("a").getMissingCount()).isEqualTo(2);
        assertThat(profile.getNumericFeatures().get("b").getMissingCount()).isEqualTo(1);
        assertThat(profile.getNumericFeatures().get("b").getMean()).isEqualTo(2.5);
    }
}
