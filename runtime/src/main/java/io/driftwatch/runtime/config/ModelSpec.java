package io.driftwatch.runtime.config;

import io.driftwatch.events.TaskType;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What every processor needs to know about a model: one entry of the {@link ModelCatalogue}.
 *
 * @param task          the model's task; {@code UNKNOWN} to decide per event from what it carries
 * @param positiveLabel the positive class of a binary classifier
 * @param labelHorizon  how long a prediction waits for its ground truth (and its id is deduplicated);
 *                      a window is final once this much label time has passed its end
 * @param segments      the segment keys that get metric series of their own
 * @param features      the declared features (the contract) by name; empty when the model declares
 *                      none, in which case its versions' reference profiles serve
 */
public record ModelSpec(TaskType task, String positiveLabel, Duration labelHorizon, List<String> segments,
                        Map<String, FeatureSpec> features) {

    /** The built-in defaults of every key. */
    public static final ModelSpec DEFAULTS = new ModelSpec(TaskType.UNKNOWN, "1", Duration.ofDays(7), List.of(), Map.of());

    public ModelSpec {
        segments = List.copyOf(segments);
        features = Map.copyOf(features);
    }
}
