package io.driftwatch.alerting.triggers;

import java.time.Duration;
import java.util.Set;

/**
 * When a model's alerts ask for retraining.
 *
 * @param causes             which firing alerts count
 * @param performanceWindows a performance alert (labelled or estimated metric) counts once violated this many windows in a row
 * @param cooldown           the least event time between two triggers of a model
 * @param minNewLabels       the least labelled predictions since the previous trigger: without new data to learn
 *                           from, retraining only costs money
 * @param importantFeatures  the features whose drift counts; empty: a dataset-drift alert counts instead
 */
public record TriggerPolicy(Set<Cause> causes, int performanceWindows, Duration cooldown, long minNewLabels,
                            Set<String> importantFeatures) {

    /** Estimated performance (before labels) is off by default: it is not the realised loss retraining answers. */
    public enum Cause { CONCEPT_DRIFT, PERFORMANCE, FEATURE_DRIFT, ESTIMATED_PERFORMANCE }

    public static final TriggerPolicy DEFAULTS = new TriggerPolicy(
            Set.of(Cause.CONCEPT_DRIFT, Cause.PERFORMANCE, Cause.FEATURE_DRIFT), 3, Duration.ofHours(6), 1_000, Set.of());

    public TriggerPolicy {
        causes = Set.copyOf(causes);
        importantFeatures = Set.copyOf(importantFeatures);
    }
}
