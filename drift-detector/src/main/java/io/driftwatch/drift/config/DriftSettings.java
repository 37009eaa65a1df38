package io.driftwatch.drift.config;

import io.driftwatch.runtime.config.ConfigValues;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.config.ModelCatalogue;
import io.driftwatch.runtime.config.ModelEntries;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The {@code drift} section of the configuration, validated once at startup; every error names
 * the bad key.
 *
 * <pre>
 * drift:
 *   window: 1m                   # event-time slice of predictions (and of labels) tested and merged together
 *   grace: 30s                   # how long a slice stays open for records out of order within a partition
 *   flush-interval: 1s           # wall-clock interval at which each partition sends its progress and closed slices' partials
 *   idle-timeout: 30s            # a partition without records for this long no longer holds slices open
 *   min-window-samples: 500      # smaller windows are merged into the next one, never tested
 *   auto-capture-samples: 10000  # first predictions of a version without a profile become its reference; 0: off
 *   max-categories: 1000
 *   alpha: 0.05                  # every method's significance, at the window's size
 *   small-sample-max: 1000       # KS / chi-square up to this many values, Wasserstein / JS above
 *   wasserstein-threshold: 0.1   # minimum effects (0: none), in reference standard deviations
 *   psi-threshold: 0.2
 *   jensen-shannon-threshold: 0.03
 *   multiple-testing: benjamini-hochberg   # or bonferroni, none
 *   dataset-drift-share: 0.5
 *   persistence: {required: 2, windows: 3}
 *   multivariate-alpha: 0.01     # the PCA reconstruction test of the numeric features together; 0: off
 *   detectors: [adwin, ddm, eddm, page-hinkley, hddm-a]
 *   adwin: {delta: 0.001, warning-delta: 0.01, check-interval: 32}
 *   ddm: {warning-level: 2.0, drift-level: 3.0, min-samples: 30}
 *   eddm: {warning-ratio: 0.95, drift-ratio: 0.90, min-errors: 30}
 *   page-hinkley: {delta: 0.005, lambda: 55, alpha: 0.9995, min-samples: 30, warning-fraction: 0.5}
 *   hddm-a: {drift-confidence: 0.00005, warning-confidence: 0.00025}
 *   models:                      # optional, by model id or glob: any key above except window, grace,
 *     - model: churn             # flush-interval and idle-timeout
 *       features:
 *         - {name: tenure, method: psi, psi-threshold: 0.25}
 * </pre>
 *
 * A model's task (which decides the error stream: absolute error for regression, else 0/1
 * misclassification) is in the top-level models catalogue ({@link ModelCatalogue}).
 */
public record DriftSettings(Duration window, Duration grace, Duration flushInterval, Duration idleTimeout,
                            ModelDriftSettings defaults, ModelEntries<ModelDriftSettings> models,
                            ModelCatalogue catalogue) {

    private static final String SECTION = "drift";


    public static DriftSettings from(DriftwatchConfig config) {
        return fromSection(config.processorSection(SECTION), config.models());
    }

    public static DriftSettings fromSection(Map<String, Object> section, ModelCatalogue catalogue) {
        ConfigValues values = ConfigValues.ofSection(SECTION, section);
        Duration window = values.positiveDuration("drift.window", Duration.ofMinutes(1));
        Duration grace = values.duration("drift.grace", Duration.ofSeconds(30));
        if (grace.isNegative()) {
            throw new ConfigException("drift.grace", grace, "must not be negative");
        }
        Duration flush = values.positiveDuration("drift.flush-interval", Duration.ofSeconds(1));
        Duration idle = values.positiveDuration("drift.idle-timeout", Duration.ofSeconds(30));
        ModelDriftSettings defaults = ModelDriftSettings.read(values, "drift.", ModelDriftSettings.DEFAULTS);
        ModelEntries<ModelDriftSettings> models = values.perModel("drift.models",
                (model, key) -> ModelDriftSettings.read(model, key, defaults));
        values.requireAllRead();
        return new DriftSettings(window, grace, flush, idle, defaults, models, catalogue);
    }

    /** The settings of a model: its own entry, or the section's. */
    public ModelDriftSettings model(String modelId) {
        ModelDriftSettings own = models.find(modelId);
        return own != null ? own : defaults;
    }
}
