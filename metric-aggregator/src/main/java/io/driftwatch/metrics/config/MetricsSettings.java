package io.driftwatch.metrics.config;

import io.driftwatch.metrics.estimation.CostMatrix;
import io.driftwatch.runtime.config.ConfigValues;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.config.ModelCatalogue;
import io.driftwatch.runtime.config.ModelEntries;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The {@code metrics} section, validated once at startup; every error names the key.
 *
 * <pre>
 * metrics:
 *   window: 1m               # event-time base window
 *   horizons: [1h, 1d]       # rolling horizons merged from base windows
 *   query-retention: 1d      # how long snapshots stay queryable over HTTP
 *   provisional-interval: 0s # when set, open windows are also sent at this wall-clock interval, flagged provisional
 *   grace: 30s               # how long a window stays open for predictions out of order
 *   flush-interval: 1s       # wall-clock interval at which each partition sends its progress and closed windows' partials
 *   idle-timeout: 30s        # a partition without records for this long no longer holds windows open
 *   segment-top-k: 20        # per key and window, the values with most predictions get a series; the rest 'other'
 *   segment-values: hashed   # or clear: segment values in outputs as a hash (default) or as sent
 *   estimated-performance: true   # tally binary classifiers' scores for estimated performance (docs/metrics.md)
 *   capture-labels: 10000    # without a published performance, capture it from a version's first final windows
 *                            # once they hold this many labelled predictions; 0: never
 *   cost-matrix: {true-positive: 40, false-positive: -5, false-negative: -40, true-negative: 0}   # value per
 *                            # outcome of a binary classifier's prediction: the estimated business value (default none)
 *   models:                  # optional, by model id or glob: segment-values and cost-matrix
 *     - {model: churn, segment-values: clear}
 * </pre>
 *
 * A model's positive label, label horizon (after this much label time past its end, a window is
 * final) and segment keys are in the top-level models catalogue ({@link ModelCatalogue}).
 */
public record MetricsSettings(Duration window, Duration grace, Duration flushInterval, Duration idleTimeout,
                              int segmentTopK, Map<String, Duration> horizons, Duration queryRetention,
                              Duration provisionalInterval, boolean estimatedPerformance, long captureLabels,
                              Model defaults, ModelEntries<Model> models, ModelCatalogue catalogue) {

    /**
     * A model's own metrics settings.
     *
     * @param clearSegmentValues whether segment values appear as sent (else as a hash) in outputs and internal topics
     * @param costs             the value of each outcome of a binary classifier's prediction; null without one
     */
    public record Model(boolean clearSegmentValues, CostMatrix costs) {
    }

    /** The catalogue's keys that metrics once held. */
    private static final List<String> MOVED = List.of("positive-label", "label-horizon", "segments");
    private static final List<String> OUTCOMES = List.of("true-positive", "false-positive", "false-negative",
            "true-negative");
    private static final Map<String, Boolean> SEGMENT_VALUES = Map.of("hashed", false, "clear", true);

    private static final String SECTION = "metrics";

    public MetricsSettings {
        horizons = Collections.unmodifiableMap(new LinkedHashMap<>(horizons));
    }

    /** A rolling horizon keeps this many buckets; its snapshot is sent each time one completes. */
    public static final int HORIZON_BUCKETS = 60;

    /** The bucket of a rolling horizon: a 60th of it, rounded up to whole windows. */
    public long bucket(Duration horizon) {
        long windows = Math.max(1, (horizon.toMillis() / HORIZON_BUCKETS + window.toMillis() - 1) / window.toMillis());
        return windows * window.toMillis();
    }

    /** Whether open windows are also sent, flagged provisional ({@code provisional-interval} set). */
    public boolean provisional() {
        return !provisionalInterval.isZero() && !provisionalInterval.isNegative();
    }

    public static MetricsSettings from(DriftwatchConfig config) {
        return fromSection(config.processorSection(SECTION), config.models());
    }

    public static MetricsSettings fromSection(Map<String, Object> section, ModelCatalogue catalogue) {
        ConfigValues values = ConfigValues.ofSection(SECTION, section);
        Duration window = values.positiveDuration("metrics.window", Duration.ofMinutes(1));
        Duration grace = values.duration("metrics.grace", Duration.ofSeconds(30));
        if (grace.isNegative()) {
            throw new ConfigException("metrics.grace", grace, "must not be negative");
        }
        Model defaults = model(values, "metrics.", new Model(false, null));
        ModelEntries<Model> models = values.perModel("metrics.models", (model, key) -> model(model, key, defaults));
        MetricsSettings settings = new MetricsSettings(window, grace,
                values.positiveDuration("metrics.flush-interval", Duration.ofSeconds(1)),
                values.positiveDuration("metrics.idle-timeout", Duration.ofSeconds(30)),
                values.integer("metrics.segment-top-k", 20, 1, 1_000), horizons(values, window),
                values.positiveDuration("metrics.query-retention", Duration.ofDays(1)),
                values.duration("metrics.provisional-interval", Duration.ZERO),
                values.bool("metrics.estimated-performance", true),
                values.integer("metrics.capture-labels", 10_000, 0, Integer.MAX_VALUE), defaults, models, catalogue);
        values.requireAllRead();
        return settings;
    }

    /** The rolling horizons by name (default 1h and 1d); each must be whole windows and longer than one. */
    private static Map<String, Duration> horizons(ConfigValues values, Duration window) {
        List<?> raw = values.list("metrics.horizons");
        Map<String, Duration> horizons = new LinkedHashMap<>();
        for (Object name : raw.isEmpty() ? List.of("1h", "1d") : raw) {
            String text = String.valueOf(name).trim();
            Duration horizon = new ConfigValues(Map.of("metrics.horizons", text)).positiveDuration("metrics.horizons", null);
            if (horizon.toMillis() % window.toMillis() != 0 || horizon.compareTo(window) <= 0) {
                throw new ConfigException("metrics.horizons", text, "a horizon must be whole windows of " + window
                        + ", more than one");
            }
            horizons.put(text, horizon);
        }
        return horizons;
    }

    private static Model model(ConfigValues values, String prefix, Model d) {
        MOVED.forEach(key -> values.rejectMoved(prefix + key, "models[]." + key));
        return new Model(values.string(prefix + "segment-values", null) == null ? d.clearSegmentValues()
                : values.oneOf(prefix + "segment-values", null, SEGMENT_VALUES), costs(values, prefix, d.costs()));
    }

    /** A cost matrix names some of the four outcomes (the others are worth 0); an unknown one fails as an unread key. */
    private static CostMatrix costs(ConfigValues values, String prefix, CostMatrix inherited) {
        double[] worth = new double[OUTCOMES.size()];
        boolean any = false;
        for (int i = 0; i < worth.length; i++) {
            Double value = values.number(prefix + "cost-matrix." + OUTCOMES.get(i));
            any |= value != null;
            worth[i] = value == null ? 0 : value;
        }
        return any ? new CostMatrix(worth[0], worth[1], worth[2], worth[3]) : inherited;
    }

    public Model model(String modelId) {
        Model own = models.find(modelId);
        return own != null ? own : defaults;
    }
}
