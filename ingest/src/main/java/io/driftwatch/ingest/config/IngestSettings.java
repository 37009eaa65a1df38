package io.driftwatch.ingest.config;

import io.driftwatch.ingest.validation.EventLimits;
import io.driftwatch.runtime.config.ConfigValues;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.config.ModelCatalogue;
import io.driftwatch.runtime.config.ModelEntries;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The {@code ingest} section of the configuration, validated once at startup; every error names
 * the bad key.
 *
 * <pre>
 * ingest:
 *   max-future-skew: 5m          # event times further ahead of the wall clock are dead-lettered
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
 *   models:                      # optional, by model id or glob
 *     - {model: propensity, ground-truth-corrections: true}
 * </pre>
 *
 * A model's task, label horizon and contract are in the top-level models catalogue
 * ({@link ModelCatalogue}), which every processor shares.
 */
public record IngestSettings(Duration maxFutureSkew, Duration earlyLabelGrace, Duration expiryScanInterval,
                             Duration inFlightAllowance, EventLimits limits, Outputs outputs,
                             boolean groundTruthCorrections, ModelEntries<Boolean> correctionsByModel,
                             ModelCatalogue catalogue) {

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

    public static IngestSettings from(DriftwatchConfig config) {
        return fromSection(config.processorSection(SECTION), config.models());
    }

    public static IngestSettings fromSection(Map<String, Object> section, ModelCatalogue catalogue) {
        ConfigValues values = ConfigValues.ofSection(SECTION, section);
        values.rejectMoved("ingest.label-horizon", "models[].label-horizon");
        Duration skew = values.positiveDuration("ingest.max-future-skew", Duration.ofMinutes(5));
        Duration grace = values.positiveDuration("ingest.early-label-grace", Duration.ofHours(1));
        boolean corrections = values.bool("ingest.ground-truth-corrections", false);
        Duration scan = values.positiveDuration("ingest.expiry-scan-interval", Duration.ofSeconds(10));
        Duration allowance = values.duration("ingest.in-flight-allowance", Duration.ofSeconds(30));
        if (allowance.isNegative()) {
            throw new ConfigException("ingest.in-flight-allowance", allowance, "must not be negative");
        }
        ModelEntries<Boolean> correctionsByModel = values.perModel("ingest.models", (model, key) -> {
            for (String moved : List.of("task", "label-horizon", "features")) {
                model.rejectMoved(key + moved, "models[]." + moved);
            }
            return model.bool(key + "ground-truth-corrections", corrections);
        });
        EventLimits limits = limits(values);
        Outputs outputs = new Outputs(values.bool("ingest.outputs.validated", true), values.bool("ingest.outputs.labeled", true));
        values.requireAllRead();
        return new IngestSettings(skew, grace, scan, allowance, limits, outputs, corrections, correctionsByModel,
                catalogue);
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

    /** Whether a later ground truth of the model's predictions replaces the first instead of being a duplicate. */
    public boolean groundTruthCorrections(String modelId) {
        Boolean own = correctionsByModel.find(modelId);
        return own != null ? own : groundTruthCorrections;
    }
}
