package io.driftwatch.runtime.config;

import java.util.Set;

/**
 * What a model declares about one input feature.
 *
 * @param min        smallest valid numeric value, or null for no lower bound
 * @param max        largest valid numeric value, or null for no upper bound
 * @param categories the allowed categories of a categorical feature, or null when any is allowed
 */
public record FeatureSpec(String name, FeatureType type, Double min, Double max, Set<String> categories) {

    public enum FeatureType { NUMERIC, CATEGORICAL }

    public FeatureSpec {
        categories = categories == null ? null : Set.copyOf(categories);
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("feature " + name + ": min " + min + " is greater than max " + max);
        }
    }

    public static FeatureSpec numeric(String name, Double min, Double max) {
        return new FeatureSpec(name, FeatureType.NUMERIC, min, max, null);
    }

    public static FeatureSpec categorical(String name, Set<String> categories) {
        return new FeatureSpec(name, FeatureType.CATEGORICAL, null, null, categories);
    }

    public boolean inRange(double value) {
        return (min == null || value >= min) && (max == null || value <= max);
    }

    public boolean allows(String category) {
        return categories == null || categories.contains(category);
    }
}
