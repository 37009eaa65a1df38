package io.driftwatch.alerting;

import io.driftwatch.events.DriftReport;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.runtime.topics.TopicCatalogue;
import java.util.Arrays;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of the alerting repartition topic, which carries metric snapshots and drift reports
 * together: a tag byte, then the record as its own topic's serde writes it (registry wire format).
 */
final class EventSerde {

    private static final byte METRICS = 0;
    private static final byte DRIFT = 1;

    private EventSerde() {
    }

    static Serde<SpecificRecord> of(TopicCatalogue topics) {
        String metricsTopic = topics.name(TopicCatalogue.METRICS);
        String driftTopic = topics.name(TopicCatalogue.DRIFT_REPORTS);
        Serializer<MetricSnapshot> metrics = topics.valueSerde(TopicCatalogue.METRICS).serializer();
        Serializer<DriftReport> drift = topics.valueSerde(TopicCatalogue.DRIFT_REPORTS).serializer();
        Deserializer<MetricSnapshot> metricsIn = topics.valueSerde(TopicCatalogue.METRICS).deserializer();
        Deserializer<DriftReport> driftIn = topics.valueSerde(TopicCatalogue.DRIFT_REPORTS).deserializer();
        Serializer<SpecificRecord> serializer = (topic, record) -> {
            if (record == null) {
                return null;
            }
            byte[] body = record instanceof MetricSnapshot s ? metrics.serialize(metricsTopic, s)
                    : drift.serialize(driftTopic, (DriftReport) record);
            byte[] tagged = new byte[body.length + 1];
            tagged[0] = record instanceof MetricSnapshot ? METRICS : DRIFT;
            System.arraycopy(body, 0, tagged, 1, body.length);
            return tagged;
        };
        Deserializer<SpecificRecord> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            byte[] body = Arrays.copyOfRange(bytes, 1, bytes.length);
            return switch (bytes[0]) {
                case METRICS -> metricsIn.deserialize(metricsTopic, body);
                case DRIFT -> driftIn.deserialize(driftTopic, body);
                default -> throw new SerializationException("unknown alerting input tag " + bytes[0]);
            };
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
