package io.driftwatch.runtime.topics;

import io.driftwatch.events.Alert;
import io.driftwatch.events.DriftReport;
import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.RetrainingTrigger;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Every Driftwatch topic, once, with its key and value serde. Names are the defaults of
 * DESIGN.md behind a configurable prefix. Processors get names and serdes only from here.
 */
public final class TopicCatalogue {

    private static final String DELETE = TopicConfig.CLEANUP_POLICY_DELETE;
    private static final String COMPACT = TopicConfig.CLEANUP_POLICY_COMPACT;
    /** Inputs are kept past the default 7-day label horizon, so a late label still finds its prediction. */
    private static final Duration INPUT_RETENTION = Duration.ofDays(8);
    private static final Duration OUTPUT_RETENTION = Duration.ofDays(30);
    /** Raw records, possibly personal data (docs/security.md): a week, long enough to inspect and replay them. */
    private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(7);

    public static final TopicSpec<String, PredictionEvent> PREDICTIONS = new TopicSpec<>(
            "driftwatch.predictions.v1", String.class, PredictionEvent.class, DELETE, INPUT_RETENTION);
    public static final TopicSpec<String, GroundTruthEvent> GROUND_TRUTH = new TopicSpec<>(
            "driftwatch.ground-truth.v1", String.class, GroundTruthEvent.class, DELETE, INPUT_RETENTION);
    public static final TopicSpec<String, ReferenceProfile> REFERENCE_PROFILES = new TopicSpec<>(
            "driftwatch.reference-profiles.v1", String.class, ReferenceProfile.class, COMPACT, null);
    public static final TopicSpec<String, PredictionEvent> VALIDATED_PREDICTIONS = new TopicSpec<>(
            "driftwatch.validated-predictions.v1", String.class, PredictionEvent.class, DELETE, INPUT_RETENTION);
    public static final TopicSpec<String, LabeledPrediction> LABELED_PREDICTIONS = new TopicSpec<>(
            "driftwatch.labeled-predictions.v1", String.class, LabeledPrediction.class, DELETE, INPUT_RETENTION);
    public static final TopicSpec<String, MetricSnapshot> METRICS = new TopicSpec<>(
            "driftwatch.metrics.v1", String.class, MetricSnapshot.class, DELETE, OUTPUT_RETENTION);
    public static final TopicSpec<String, DriftReport> DRIFT_REPORTS = new TopicSpec<>(
            "driftwatch.drift-reports.v1", String.class, DriftReport.class, DELETE, OUTPUT_RETENTION);
    public static final TopicSpec<String, Alert> ALERTS = new TopicSpec<>(
            "driftwatch.alerts.v1", String.class, Alert.class, DELETE, OUTPUT_RETENTION);
    public static final TopicSpec<String, RetrainingTrigger> RETRAINING_TRIGGERS = new TopicSpec<>(
            "driftwatch.retraining-triggers.v1", String.class, RetrainingTrigger.class, DELETE, OUTPUT_RETENTION);
    /** Original key and value bytes of records no processor could handle, with the reason in headers. */
    public static final TopicSpec<byte[], byte[]> DEAD_LETTER = new TopicSpec<>(
            "driftwatch.dead-letter.v1", byte[].class, byte[].class, DELETE, DEAD_LETTER_RETENTION);

    public static final List<TopicSpec<?, ?>> ALL = List.of(PREDICTIONS, GROUND_TRUTH, REFERENCE_PROFILES,
            VALIDATED_PREDICTIONS, LABELED_PREDICTIONS, METRICS, DRIFT_REPORTS, ALERTS, RETRAINING_TRIGGERS,
            DEAD_LETTER);

    private final String prefix;
    private final AvroSerdes serdes;

    /** @param prefix prepended to every topic name (e.g. "staging."); empty for the defaults */
    public TopicCatalogue(String prefix, AvroSerdes serdes) {
        this.prefix = prefix;
        this.serdes = serdes;
    }

    /** The catalogue of a configuration: its topic prefix, and serdes on its schema registry. */
    public static TopicCatalogue of(DriftwatchConfig config) {
        return new TopicCatalogue(config.topics().prefix(), AvroSerdes.fromConfig(config.serdeConfigs()));
    }

    public String name(TopicSpec<?, ?> topic) {
        return prefix + topic.baseName();
    }

    public AvroSerdes serdes() {
        return serdes;
    }

    public <K, V> Serde<K> keySerde(TopicSpec<K, V> topic) {
        return serde(topic.keyType(), true);
    }

    public <K, V> Serde<V> valueSerde(TopicSpec<K, V> topic) {
        return serde(topic.valueType(), false);
    }

    public <K, V> Consumed<K, V> consumed(TopicSpec<K, V> topic) {
        return Consumed.with(keySerde(topic), valueSerde(topic));
    }

    public <K, V> Produced<K, V> produced(TopicSpec<K, V> topic) {
        return Produced.with(keySerde(topic), valueSerde(topic));
    }

    @SuppressWarnings("unchecked")
    private <T> Serde<T> serde(Class<T> type, boolean isKey) {
        if (type == String.class) {
            return (Serde<T>) Serdes.String();
        }
        if (type == byte[].class) {
            return (Serde<T>) Serdes.ByteArray();
        }
        if (SpecificRecord.class.isAssignableFrom(type)) {
            Class<? extends SpecificRecord> recordType = (Class<? extends SpecificRecord>) type;
            return (Serde<T>) (isKey ? serdes.keySerde(recordType) : serdes.valueSerde(recordType));
        }
        throw new IllegalArgumentException("no serde for " + type.getName());
    }
}
