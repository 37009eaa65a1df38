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
            counts.merge(value, 1L, Long::sum);
        } else {
            other++;
        }
    }

    public void addMissing(long rows) {
        missing += rows;
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
