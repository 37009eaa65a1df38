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
    /** Count per kept category, in a mutable cell so that counting a record allocates nothing. */
    private final Map<String, long[]> counts = new HashMap<>();
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
        } else {
            keep(value, 1);
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
        other.getCategoryCounts().forEach(this::keep);
    }

    /** The same for a summary in memory (another partition's), without encoding it. */
    void merge(CategoricalSummary other) {
        missing += other.missing;
        this.other += other.other;
        other.counts.forEach((category, cell) -> keep(category, cell[0]));
    }

    /** Counts a category, or {@code other} when it is new and the bound is reached. */
    private void keep(String category, long count) {
        long[] cell = counts.get(category);
        if (cell != null) {
            cell[0] += count;
        } else if (counts.size() < maxCategories) {
            counts.put(category, new long[] {count});
            categoryBytes += 3L * category.length() + 15;
        } else {
            this.other += count;
        }
    }

    /** At least the bytes of {@link #toProfile()} in Avro (three bytes a char at most in UTF-8). */
    long encodedSizeBound() {
        return 48 + categoryBytes;
    }

    public CategoricalProfile toProfile() {
        Map<String, Long> categoryCounts = new HashMap<>();
        counts.forEach((category, cell) -> categoryCounts.put(category, cell[0]));
        long count = other + categoryCounts.values().stream().mapToLong(Long::longValue).sum();
        return CategoricalProfile.newBuilder()
                .setCount(count)
                .setMissingCount(missing)
                .setCategoryCounts(categoryCounts)
                .setOtherCount(other)
                .build();
    }
}
