package io.driftwatch.runtime.config;

import io.driftwatch.events.TaskType;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;

/**
 * The top-level {@code models} list: what every processor needs to know about a model, read once
 * at startup and handed to each processor. Entries are by model id or glob ({@link ModelEntries}'
 * rule); an entry's unset keys come from the {@code "*"} entry when there is one, else from
 * {@link ModelSpec#DEFAULTS}. Processor sections keep only their own per-model settings.
 *
 * <pre>
 * models:
 *   - model: "*"                   # every model's defaults
 *     label-horizon: 7d            # how long a prediction waits for its ground truth; windows are final this long after their end
 *   - model: churn
 *     task: binary_classification  # | multiclass_classification | regression; default: decided per event
 *     positive-label: "yes"        # the positive class of a binary classifier (default "1")
 *     segments: [plan]             # segment keys with metric series of their own (default none)
 *     features:                    # the contract; without it each version's reference profile serves
 *       - {name: tenure, type: numeric, min: 0, max: 120}
 *       - {name: plan, type: categorical, categories: [basic, pro]}
 * </pre>
 */
public final class ModelCatalogue {

    public static final String KEY = "models";
    /** The catalogue of a configuration without a {@code models} list: every model gets the defaults. */
    public static final ModelCatalogue EMPTY = new ModelCatalogue(ModelSpec.DEFAULTS, new ModelEntries<>(Map.of()));

    private static final String EVERY_MODEL = "*";
    private static final Map<String, TaskType> TASKS = Map.of(
            "binary_classification", TaskType.BINARY_CLASSIFICATION,
            "multiclass_classification", TaskType.MULTICLASS_CLASSIFICATION,
            "regression", TaskType.REGRESSION);
    private static final Map<String, FeatureSpec.FeatureType> FEATURE_TYPES = Map.of(
            "numeric", FeatureSpec.FeatureType.NUMERIC, "categorical", FeatureSpec.FeatureType.CATEGORICAL);

    private final ModelSpec defaults;
    private final ModelEntries<ModelSpec> entries;

    private ModelCatalogue(ModelSpec defaults, ModelEntries<ModelSpec> entries) {
        this.defaults = defaults;
        this.entries = entries;
    }

    /** Reads the {@code models} list of a configuration; every error names its key. */
    static ModelCatalogue read(ConfigValues values) {
        List<?> list = values.list(KEY);
        ModelSpec defaults = ModelSpec.DEFAULTS;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Map<?, ?> entry && EVERY_MODEL.equals(String.valueOf(entry.get("model")))) {
                String key = KEY + "[" + i + "]";
                defaults = spec(ConfigValues.ofListEntry(key, entry), key + ".", ModelSpec.DEFAULTS);
            }
        }
        ModelSpec inherited = defaults;
        return new ModelCatalogue(defaults, values.perModel(KEY, (entry, prefix) -> spec(entry, prefix, inherited)));
    }

    /** A catalogue from a list shaped like the YAML one (tests, tools). */
    public static ModelCatalogue of(List<?> entries) {
        ConfigValues values = new ConfigValues(Map.of(KEY, entries));
        ModelCatalogue catalogue = read(values);
        values.requireAllRead();
        return catalogue;
    }

    /** The model's entry, else the {@code "*"} entry's (or built-in) defaults. */
    public ModelSpec model(String modelId) {
        ModelSpec own = entries.find(modelId);
        return own != null ? own : defaults;
    }

    /** The shortest label horizon of any model: no window younger than that is final. */
    public Duration shortestLabelHorizon() {
        return entries.values().stream().map(ModelSpec::labelHorizon).reduce(defaults.labelHorizon(),
                (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }

    private static ModelSpec spec(ConfigValues v, String prefix, ModelSpec d) {
        TaskType task = v.string(prefix + "task", null) == null ? d.task() : v.oneOf(prefix + "task", null, TASKS);
        List<?> segments = v.list(prefix + "segments");
        List<?> features = v.list(prefix + "features");
        return new ModelSpec(task, v.string(prefix + "positive-label", d.positiveLabel()),
                v.positiveDuration(prefix + "label-horizon", d.labelHorizon()),
                segments.isEmpty() ? d.segments() : segments.stream().map(String::valueOf).toList(),
                features.isEmpty() ? d.features() : features(prefix + "features", features));
    }

    private static Map<String, FeatureSpec> features(String key, List<?> entries) {
        Map<String, FeatureSpec> features = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String featureKey = key + "[" + i + "]";
            ConfigValues feature = ConfigValues.ofListEntry(featureKey, entries.get(i));
            String name = feature.requiredString(featureKey + ".name");
            FeatureSpec spec;
            if (feature.oneOf(featureKey + ".type", null, FEATURE_TYPES) == FeatureSpec.FeatureType.NUMERIC) {
                Double min = feature.number(featureKey + ".min");
                Double max = feature.number(featureKey + ".max");
                if (min != null && max != null && min > max) {
                    throw new ConfigException(featureKey + ".min", min, "is greater than max " + max);
                }
                spec = FeatureSpec.numeric(name, min, max);
            } else {
                List<?> categories = feature.list(featureKey + ".categories");
                Set<String> allowed = new HashSet<>();
                categories.forEach(c -> allowed.add(String.valueOf(c)));
                spec = FeatureSpec.categorical(name, categories.isEmpty() ? null : allowed);
            }
            if (features.put(name, spec) != null) {
                throw new ConfigException(featureKey + ".name", name, "feature declared twice");
            }
            feature.requireAllRead();
        }
        return features;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelCatalogue that && defaults.equals(that.defaults) && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return 31 * defaults.hashCode() + entries.hashCode();
    }

    @Override
    public String toString() {
        return "ModelCatalogue[defaults=" + defaults + ", entries=" + entries + "]";
    }
}
