package io.driftwatch.ingest.config;

import io.driftwatch.events.TaskType;
import io.driftwatch.ingest.contract.FeatureSpec;
import io.driftwatch.ingest.contract.ModelContract;
import io.driftwatch.ingest.validation.EventLimits;
import io.driftwatch.runtime.config.ConfigValues;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.config.ModelEntries;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;

/**
 * The {@code ingest} section of the configuration, validated once at startup; every error names
 * the bad key.
 *
 * <pre>
 * ingest:
 *   max-future-skew: 5m          # event times further ahead of the wall clock are dead-lettered
 *   label-horizon: 7d            # how long a prediction waits for its ground truth (and ids are deduplicated)
 *   early-label-grace: 1h        # how long a ground truth waits for a prediction that has not arrived yet
 *   ground-truth-corrections: false   # a second ground truth replaces the first instead of being a duplicate
 *   expiry-scan-interval: 10s    # wall-clock interval of the scan that expires waiting entries
 *   in-flight-allowance: 30s     # wall-clock time an entry is kept at least, so that a partner still in
 *                                # flight (re-keyed, or on a lagging partition) during a fast catch-up finds it
 *   outputs:                     # the fused pipeline's topics for other consumers (split deployment: both must be on)
 *     validated: true            # driftwatch.validated-predictions.v1
 *     labeled: true              # driftwatch.labeled-predictions.v1 (retraining jobs read it)
 *   limits:                      # events past a bound are dead-lettered with its name (EventLimits)
 *     max-event-bytes: 262144    # event-too-large
 *     max-features: 500          # too-many-features (numeric + categorical)
 *     max-entries: 100           # too-many-entries (class probabilities, segments, outcomes)
 *     max-id-length: 256         # id-too-long (prediction id)
 *     max-name-length: 128       # name-too-long (model id and version, feature, class, segment and outcome names)
 *     max-value-length: 256      # value-too-long (categories, segment values, labels)
 *   models:                      # optional, per model id
 *     - model: propensity
 *       task: binary_classification | multiclass_classification | regression
 *       label-horizon: 2d
 *       ground-truth-corrections: true
 *       features:                # the contract; without it the model version's reference profile serves
 *         - {name: basket_value, type: numeric, min: 0, max: 10000}
 *         - {name: device, type: categorical, categories: [mobile, desktop, tablet]}
 * </pre>
 */
public record IngestSettings(Duration maxFutureSkew, Duration earlyLabelGrace, Duration expiryScanInterval,
                             Duration inFlightAllowance, EventLimits limits, Outputs outputs, ModelSettings defaults,
                             ModelEntries<ModelSettings> models) {

    /** Which of ingest's outputs are written to their topics. */
    public record Outputs(boolean validated, boolean labeled) {

        /**
         * For ingest running alone, whose topics the metric aggregator and drift detector read.
         *
         * @throws ConfigException naming the output switched off
         */
        public void requireBoth() {
            for (var output : List.of(Map.entry("ingest.outputs.validated", validated),
                    Map.entry("ingest.outputs.labeled", labeled))) {
                if (!output.getValue()) {
                    throw new ConfigException(output.getKey(), false, "ingest running alone (--only ingest) must write "
                            + "it: the metric aggregator and drift detector read it; switch outputs off only in the pipeline");
                }
            }
        }
    }

    private static final String SECTION = "ingest";
    private static final List<String> KEYS = List.of("ingest.max-future-skew", "ingest.label-horizon",
            "ingest.early-label-grace", "ingest.ground-truth-corrections", "ingest.expiry-scan-interval", "ingest.in-flight-allowance",
            "ingest.outputs.validated", "ingest.outputs.labeled", "ingest.models",
            "ingest.limits.max-event-bytes", "ingest.limits.max-features", "ingest.limits.max-entries",
            "ingest.limits.max-id-length", "ingest.limits.max-name-length", "ingest.limits.max-value-length");
    private static final List<String> MODEL_KEYS = List.of("task", "label-horizon",
            "ground-truth-corrections", "features");
    private static final List<String> FEATURE_KEYS = List.of("name", "type", "min", "max", "categories");
    private static final Map<String, TaskType> TASKS = Map.of(
            "binary_classification", TaskType.BINARY_CLASSIFICATION,
            "multiclass_classification", TaskType.MULTICLASS_CLASSIFICATION,
            "regression", TaskType.REGRESSION);


    public static IngestSettings from(DriftwatchConfig config) {
        return fromSection(config.processorSection(SECTION));
    }

    public static IngestSettings fromSection(Map<String, Object> section) {
        ConfigValues values = ConfigValues.ofSection(SECTION, section);
        Duration skew = values.positiveDuration("ingest.max-future-skew", Duration.ofMinutes(5));
        Duration horizon = values.positiveDuration("ingest.label-horizon", Duration.ofDays(7));
        Duration grace = values.positiveDuration("ingest.early-label-grace", Duration.ofHours(1));
        boolean corrections = values.bool("ingest.ground-truth-corrections", false);
        Duration scan = values.positiveDuration("ingest.expiry-scan-interval", Duration.ofSeconds(10));
        Duration allowance = values.duration("ingest.in-flight-allowance", Duration.ofSeconds(30));
        if (allowance.isNegative()) {
            throw new ConfigException("ingest.in-flight-allowance", allowance, "must not be negative");
        }
        ModelSettings defaults = new ModelSettings(TaskType.UNKNOWN, horizon, corrections, Optional.empty());

        ModelEntries<ModelSettings> models = values.perModel("ingest.models", MODEL_KEYS, (model, key) -> {
            TaskType task = model.string(key + "task", null) == null ? TaskType.UNKNOWN
                    : model.oneOf(key + "task", null, TASKS);
            List<?> features = model.list(key + "features");
            Optional<ModelContract> contract = features.isEmpty() ? Optional.empty()
                    : Optional.of(new ModelContract(task, features(key + "features", features)));
            return new ModelSettings(task, model.positiveDuration(key + "label-horizon", horizon),
                    model.bool(key + "ground-truth-corrections", corrections), contract);
        });
        EventLimits limits = limits(values);
        Outputs outputs = new Outputs(values.bool("ingest.outputs.validated", true), values.bool("ingest.outputs.labeled", true));
        values.requireAllRead(KEYS);
        return new IngestSettings(skew, grace, scan, allowance, limits, outputs, defaults, models);
    }

    /**
     * Upper ends keep the widest accepted event's summaries and join entries under Kafka's 1 MB
     * record limit (docs/ingest.md shows the arithmetic).
     */
    private static EventLimits limits(ConfigValues values) {
        EventLimits d = EventLimits.DEFAULTS;
        return new EventLimits(
                values.integer("ingest.limits.max-event-bytes", d.maxEventBytes(), 1024, 256 * 1024),
                values.integer("ingest.limits.max-features", d.maxFeatures(), 1, 500),
                values.integer("ingest.limits.max-entries", d.maxEntries(), 1, 1_000),
                values.integer("ingest.limits.max-id-length", d.maxIdLength(), 1, 1_024),
                values.integer("ingest.limits.max-name-length", d.maxNameLength(), 1, 256),
                values.integer("ingest.limits.max-value-length", d.maxValueLength(), 1, 1_024));
    }

    /** The settings of a model: its own entry, or the section's defaults. */
    public ModelSettings model(String modelId) {
        ModelSettings own = models.find(modelId);
        return own != null ? own : defaults;
    }

    private static Map<String, FeatureSpec> features(String key, List<?> entries) {
        Map<String, FeatureSpec> features = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String featureKey = key + "[" + i + "]";
            ConfigValues feature = ConfigValues.ofListEntry(featureKey, entries.get(i));
            String name = feature.requiredString(featureKey + ".name");
            FeatureSpec.FeatureType type = feature.oneOf(featureKey + ".type", null, Map.of(
                    "numeric", FeatureSpec.FeatureType.NUMERIC, "categorical", FeatureSpec.FeatureType.CATEGORICAL));
            FeatureSpec spec;
            if (type == FeatureSpec.FeatureType.NUMERIC) {
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
            feature.requireAllRead(FEATURE_KEYS.stream().map(k -> featureKey + "." + k).toList());
        }
        return features;
    }
}
