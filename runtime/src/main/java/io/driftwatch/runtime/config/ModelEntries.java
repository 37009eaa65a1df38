package io.driftwatch.runtime.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A configuration list's per-model entries, each under a model id or a {@link ModelGlob glob}: a
 * model's entry is its exact id's, else the most specific glob that matches it (the longer literal
 * part wins, the earlier entry on a tie), else none. The one rule every processor looks models up
 * by. A model's resolution is remembered (up to {@value #REMEMBERED} models), so that a lookup per
 * record costs a map read.
 */
public final class ModelEntries<T> {

    private static final int REMEMBERED = 10_000;

    private final Map<String, T> entries;
    private final Map<String, Optional<T>> resolved = new ConcurrentHashMap<>();

    /** @param entries by model id or glob, in configuration order */
    public ModelEntries(Map<String, T> entries) {
        this.entries = new LinkedHashMap<>(entries);
    }

    /** @return the model's entry, or null when none matches */
    public T find(String modelId) {
        Optional<T> known = resolved.get(modelId);
        if (known == null) {
            known = Optional.ofNullable(resolve(modelId));
            if (resolved.size() < REMEMBERED) {
                resolved.put(modelId, known);
            }
        }
        return known.orElse(null);
    }

    private T resolve(String modelId) {
        T exact = entries.get(modelId);
        if (exact != null) {
            return exact;
        }
        T chosen = null;
        int best = -1;
        for (Map.Entry<String, T> e : entries.entrySet()) {
            int specificity = ModelGlob.specificity(e.getKey());
            if (specificity > best && ModelGlob.matches(e.getKey(), modelId)) {
                chosen = e.getValue();
                best = specificity;
            }
        }
        return chosen;
    }

    /** Every entry's settings, in configuration order. */
    public Collection<T> values() {
        return entries.values();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelEntries<?> that && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
