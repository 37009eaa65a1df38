package io.driftwatch.ingest.contract;

import io.driftwatch.events.CategoricalProfile;
import io.driftwatch.events.NumericProfile;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.TaskType;
import io.driftwatch.runtime.config.FeatureSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a model version declares about its inputs and task: the features it expects (with type,
 * range and allowed categories) and whether it classifies or regresses. Drives the quality checks
 * and the task-specific structural checks of ingest.
 *
 * @param features the declared features by name; empty when the model declares none, in which
 *                 case no feature counts as undeclared, missing, out of range or unseen
 */
public record ModelContract(TaskType task, Map<String, FeatureSpec> features) {

    /** No declared task and no declared features: only checks that need no contract apply. */
    public static final ModelContract NONE = new ModelContract(TaskType.UNKNOWN, Map.of());

    public ModelContract {
        features = Map.copyOf(features);
    }

    public boolean declaresFeatures() {
        return !features.isEmpty();
    }

    public Optional<FeatureSpec> feature(String name) {
        return Optional.ofNullable(features.get(name));
    }

    /**
     * A contract read off a reference profile: its features with the profile's [min, max] as the
     * range, and, for a categorical feature whose profile kept every category (no {@code other}
     * bucket), those categories as the allowed set.
     */
    public static ModelContract fromProfile(ReferenceProfile profile) {
        Map<String, FeatureSpec> features = new LinkedHashMap<>();
        for (Map.Entry<String, NumericProfile> e : profile.getNumericFeatures().entrySet()) {
            NumericProfile numeric = e.getValue();
            boolean hasValues = numeric.getCount() > 0;
            features.put(e.getKey(), FeatureSpec.numeric(e.getKey(),
                    hasValues ? numeric.getMin() : null, hasValues ? numeric.getMax() : null));
        }
        for (Map.Entry<String, CategoricalProfile> e : profile.getCategoricalFeatures().entrySet()) {
            CategoricalProfile categorical = e.getValue();
            boolean complete = categorical.getOtherCount() == 0 && !categorical.getCategoryCounts().isEmpty();
            features.put(e.getKey(), FeatureSpec.categorical(e.getKey(),
                    complete ? categorical.getCategoryCounts().keySet() : null));
        }
        return new ModelContract(profile.getTaskType(), features);
    }

    /** This contract with the task replaced, when {@code task} is known. */
    public ModelContract withTask(TaskType task) {
        return task == TaskType.UNKNOWN ? this : new ModelContract(task, features);
    }
}
