package io.driftwatch.metrics.config;

import io.driftwatch.runtime.config.ConfigValues;
import io.driftwatch.runtime.config.DriftwatchConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The {@code metrics} section, validated once at startup; every error names the key.
 *
 * <pre>
 * metrics:
 *   window: 1m               # event-time base window
 *   grace: 30s               # how long a window stays open for predictions out of order
 *   label-horizon: 7d        # after this much label time past its end, a window is final
 *   flush-interval: 1s       # wall-clock interval at which each partition sends its partial summaries
 *   idle-timeout: 30s        # a partition without records for this long no longer holds windows open
 *   positive-label: "1"      # the positive class of binary models
 *   models:
 *     - {model: churn, positive-label: "yes", label-horizon: 2d}
 * </pre>
 */
public record MetricsSettings(Duration window, Duration grace, Duration labelHorizon, Duration flushInterval,
                              Duration idleTimeout, String positiveLabel, Map<String, Model> models) {

    /** A model's own positive label and label horizon. */
    public record Model(String positiveLabel, Duration labelHorizon) {
    }

    private static final String SECTION = "metrics";

    public MetricsSettings {
        models = Map.copyOf(models);
    }

    public static MetricsSettings from(DriftwatchConfig config) {
        return fromSection(config.processorSection(SECTION));
    }

    public static MetricsSettings fromSection(Map<String, Object> section) {
        ConfigValues values = ConfigValues.ofSection(SECTION, section);
        Duration window = values.positiveDuration("metrics.window", Duration.ofMinutes(1));
        Duration grace = values.duration("metrics.grace", Duration.ofSeconds(30));
        if (grace.isNegative()) {
            throw new ConfigException("metrics.grace", grace, "must not be negative");
        }
        Duration horizon = values.positiveDuration("metrics.label-horizon", Duration.ofDays(7));
        String positive = values.string("metrics.positive-label", "1");
        Map<String, Model> models = values.perModel("metrics.models", List.of("positive-label", "label-horizon"),
                (model, key) -> new Model(model.string(key + "positive-label", positive),
                        model.positiveDuration(key + "label-horizon", horizon)));
        MetricsSettings settings = new MetricsSettings(window, grace, horizon,
                values.positiveDuration("metrics.flush-interval", Duration.ofSeconds(1)),
                values.positiveDuration("metrics.idle-timeout", Duration.ofSeconds(30)), positive, models);
        values.requireAllRead(List.of("metrics.window", "metrics.grace", "metrics.label-horizon", "metrics.flush-interval",
                "metrics.idle-timeout", "metrics.positive-label", "metrics.models"));
        return settings;
    }

    public Model model(String modelId) {
        Model own = models.get(modelId);
        return own != null ? own : new Model(positiveLabel, labelHorizon);
    }
}
