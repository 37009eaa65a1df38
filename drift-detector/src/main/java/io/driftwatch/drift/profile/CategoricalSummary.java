package io.driftwatch.drift.profile;

import io.driftwatch.events.CategoricalProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * One categorical variable summarised with bounded memory: counts of the first
 * {@code maxCategories} distinct categories met, everything after that in {@code other}. A
 * profile with a non-zero {@code other} does not know its full category set, and says so.
 */
public final class CategoricalSummary {

    private final int maxCategories;
    private final Map<String, Long> counts = new HashMap<>();
    private long other;
    private long missing;
    /** The kept categories' encoded bytes (UTF-8 at most three bytes a char, plus the count). */
    private long categoryBytes;

    public CategoricalSummary(int maxCategories) {
        if (maxCategories < 1) {
            throw new IllegalArgumentException("at least one category must be kept, got " + maxCategories);
        }
        this.maxCategories = maxCategories;
    }

    /** Adds a value; null or blank counts as missing. */
    public void add(String value) {
        if (value == null || value.isBlank()) {
            missing++;
        } else if (counts.containsKey(value) || counts.size() < maxCategories) {
            keep(value, 1);
        } else {
            other++;
        }
    }

    public void addMissing(long rows) {
        missing += rows;
    }

    /**
     * Adds another summary's counts. Categories beyond the bound go to {@code other}, so merged
     * counts are exact while the union of categories fits the bound.
     */
    public void merge(CategoricalProfile other) {
        missing += other.getMissingCount();
        this.other += other.getOtherCount();
        other.getCategoryCounts().forEach((category, count) -> {
            if (counts.containsKey(category) || counts.size() < maxCategories) {
                keep(category, count);
            } else {
                this.other += count;
            }
        });
    }

    private void keep(String category, long count) {
        if (counts.merge(category, count, Long::sum) == count) {
            categoryBytes += 3L * category.length() + 15;
        }
    }

    /** At least the bytes of {@link #toProfile()} in Avro (three bytes a char at most in UTF-8). */
    long encodedSizeBound() {
        return 48 + categoryBytes;
    }

    public CategoricalProfile toProfile() {
        long count = other + counts.values().stream().mapToLong(Long::longValue).sum();
        return CategoricalProfile.newBuilder()
                .setCount(count)
                .setMissingCount(missing)
                .setCategoryCounts(new HashMap<>(counts))
                .setOtherCount(other)
                .build();
    }
}
