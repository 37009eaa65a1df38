package io.driftwatch.drift.profile;

import io.driftwatch.events.CategoricalProfile;
import io.driftwatch.events.NumericProfile;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.schemas.sketch.KllSketch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Keeps a profile within a record size, so that no model is too wide for Kafka: while its encoding
 * is too large, its KLL sketches are re-sketched at half the k (down to 8; each keeps its true
 * rank error, so the tests widen their thresholds by it), then each categorical feature keeps its
 * most frequent half of categories (the rest go to {@code other}). Counts, means and bins are
 * unchanged. A profile that fits is returned as it is.
 */
public final class ProfileFitter {

    /** The largest encoded profile a record may carry: Kafka's 1 MB with room for the record's other fields. */
    public static final int MAX_RECORD_BYTES = 900 * 1024;
    private static final int MIN_K = 8;

    private ProfileFitter() {
    }

    /** The profile, coarsened where needed so that one Kafka record holds it (state entry or topic record). */
    public static ReferenceProfile fitToRecord(ReferenceProfile profile) {
        return fit(profile, MAX_RECORD_BYTES, ProfileFitter::encodedSize);
    }

    /** The bytes of a profile in Avro's single-object encoding, which is 5 bytes more than Confluent's framing. */
    public static int encodedSize(ReferenceProfile profile) {
        try {
            return profile.toByteBuffer().remaining();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param encodedSize the size of a profile's encoding (the one it will be stored or sent in)
     * @throws IllegalStateException when even the coarsest copy does not fit: the names and fixed
     *         fields alone are too large, which ingest's limits rule out (docs/ingest.md)
     */
    public static ReferenceProfile fit(ReferenceProfile profile, int maxBytes, ToIntFunction<ReferenceProfile> encodedSize) {
        ReferenceProfile fitted = profile;
        int k = KllSketch.DEFAULT_K;
        while (encodedSize.applyAsInt(fitted) > maxBytes) {
            int categories = largestCategorySet(fitted);
            if (k > MIN_K) {
                k = Math.max(MIN_K, k / 2);
                fitted = withSketchesAt(fitted, k);
            } else if (categories > 1) {
                fitted = withCategoriesUpTo(fitted, categories / 2);
            } else {
                throw new IllegalStateException("the profile of " + profile.getModelId() + "/" + profile.getModelVersion()
                        + " (" + profile.getNumericFeatures().size() + " numeric and "
                        + profile.getCategoricalFeatures().size() + " categorical features) cannot be made smaller than "
                        + encodedSize.applyAsInt(fitted) + " bytes; at most " + maxBytes + " fit a record");
            }
        }
        return fitted;
    }

    private static ReferenceProfile withSketchesAt(ReferenceProfile profile, int k) {
        Map<String, NumericProfile> numeric = new LinkedHashMap<>();
        profile.getNumericFeatures().forEach((name, p) -> numeric.put(name, resketched(p, k)));
        return ReferenceProfile.newBuilder(profile).setNumericFeatures(numeric)
                .setScore(profile.getScore() == null ? null : resketched(profile.getScore(), k)).build();
    }

    private static NumericProfile resketched(NumericProfile profile, int k) {
        KllSketch sketch = KllSketch.fromBuffer(profile.getKllSketch());
        if (sketch.getK() <= k) {
            return profile;
        }
        KllSketch coarser = new KllSketch(k);
        coarser.merge(sketch);
        return NumericProfile.newBuilder(profile).setKllSketch(ByteBuffer.wrap(coarser.toByteArray())).build();
    }

    private static int largestCategorySet(ReferenceProfile profile) {
        int label = profile.getPredictedLabel() == null ? 0 : profile.getPredictedLabel().getCategoryCounts().size();
        return Math.max(label, profile.getCategoricalFeatures().values().stream()
                .mapToInt(c -> c.getCategoryCounts().size()).max().orElse(0));
    }

    private static ReferenceProfile withCategoriesUpTo(ReferenceProfile profile, int maxCategories) {
        Map<String, CategoricalProfile> categorical = new LinkedHashMap<>();
        profile.getCategoricalFeatures().forEach((name, p) -> categorical.put(name, mostFrequent(p, maxCategories)));
        return ReferenceProfile.newBuilder(profile).setCategoricalFeatures(categorical)
                .setPredictedLabel(profile.getPredictedLabel() == null ? null
                        : mostFrequent(profile.getPredictedLabel(), maxCategories))
                .build();
    }

    private static CategoricalProfile mostFrequent(CategoricalProfile profile, int maxCategories) {
        if (profile.getCategoryCounts().size() <= maxCategories) {
            return profile;
        }
        List<Map.Entry<String, Long>> byCount = profile.getCategoryCounts().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
        Map<String, Long> kept = byCount.subList(0, maxCategories).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, TreeMap::new));
        long dropped = byCount.subList(maxCategories, byCount.size()).stream().mapToLong(Map.Entry::getValue).sum();
        return CategoricalProfile.newBuilder(profile).setCategoryCounts(kept)
                .setOtherCount(profile.getOtherCount() + dropped).build();
    }
}
