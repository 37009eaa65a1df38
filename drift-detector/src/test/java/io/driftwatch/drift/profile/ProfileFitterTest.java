package io.driftwatch.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.events.CategoricalProfile;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.TaskType;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import io.driftwatch.schemas.sketch.KllSketch;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProfileFitterTest {

    @BeforeAll
    static void trustEventClasses() {
        TrustedAvroPackages.trustEvents();
    }

    /** 200 numeric features with full sketches and 3 categorical ones with 1 000 long categories: about 1.8 MB. */
    private static ReferenceProfile wideProfile() {
        ProfileBuilder builder = new ProfileBuilder("m", "1", ProfileSource.TRAINING_DATA, TaskType.UNKNOWN, 1_000);
        Random random = new Random(5);
        for (int row = 0; row < 5_000; row++) {
            Map<String, Double> numeric = new HashMap<>();
            for (int f = 0; f < 200; f++) {
                numeric.put("feature_" + f, random.nextGaussian());
            }
            Map<String, String> categorical = new HashMap<>();
            for (int f = 0; f < 3; f++) {
                categorical.put("category_" + f, "c".repeat(150) + random.nextInt(row < 2_500 ? 1_000 : 10));
            }
            builder.add(numeric, categorical, random.nextDouble(), null, null);
        }
        return builder.build(Instant.EPOCH);
    }

    @Test
    void shouldCoarsenSketchesThenCategoriesUntilTheProfileFitsAndKeepEveryCount() {
        ReferenceProfile wide = wideProfile();
        assertThat(ProfileFitter.encodedSize(wide)).isGreaterThan(1_000_000);

        ReferenceProfile fitted = ProfileFitter.fit(wide, 150_000, ProfileFitter::encodedSize);

        assertThat(ProfileFitter.encodedSize(fitted)).isLessThanOrEqualTo(150_000);
        assertThat(fitted.getSampleCount()).isEqualTo(wide.getSampleCount());
        fitted.getNumericFeatures().forEach((name, profile) -> {
            KllSketch sketch = KllSketch.fromBuffer(profile.getKllSketch());
            assertThat(sketch.getN()).as(name).isEqualTo(5_000);
            assertThat(sketch.getK()).as(name).isLessThan(KllSketch.DEFAULT_K);
            assertThat(sketch.getNormalizedRankError(false)).isGreaterThan(new KllSketch().getNormalizedRankError(false));
            assertThat(profile.getBinCounts()).isEqualTo(wide.getNumericFeatures().get(name).getBinCounts());
        });
        fitted.getCategoricalFeatures().forEach((name, profile) -> {
            CategoricalProfile original = wide.getCategoricalFeatures().get(name);
            assertThat(profile.getCategoryCounts().size()).as(name).isLessThan(original.getCategoryCounts().size());
            assertThat(total(profile)).as(name).isEqualTo(total(original));
            // The most frequent categories (the ten of the second half) are the ones kept.
            original.getCategoryCounts().entrySet().stream().filter(e -> e.getValue() > 200)
                    .forEach(e -> assertThat(profile.getCategoryCounts()).containsEntry(e.getKey(), e.getValue()));
        });
    }

    @Test
    void shouldReturnAProfileThatFitsAsItIs() {
        ReferenceProfile wide = wideProfile();

        assertThat(ProfileFitter.fit(wide, 10_000_000, ProfileFitter::encodedSize)).isSameAs(wide);
    }

    @Test
    void shouldSayWhenNothingIsLeftToCoarsen() {
        assertThatThrownBy(() -> ProfileFitter.fit(wideProfile(), 5_000, ProfileFitter::encodedSize))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("m/1").hasMessageContaining("200 numeric and 3 categorical features");
    }

    private static long total(CategoricalProfile profile) {
        return profile.getOtherCount() + profile.getCategoryCounts().values().stream().mapToLong(Long::longValue).sum();
    }
}
