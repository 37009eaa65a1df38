package io.driftwatch.alerting;

import io.driftwatch.events.DriftReport;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.runtime.topics.TopicCatalogue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of the alerting repartition topic, which carries metric snapshots, drift reports and
 * dead letters together: a tag byte, then the record as its own topic's serde writes it (registry
 * wire format), or the dead-lettering processor's name.
 */
final class EventSerde {

    private static final byte METRICS = 0;
    private static final byte DRIFT = 1;
    private static final byte DEAD_LETTER = 2;

    private EventSerde() {
    }

    static Serde<Object> of(TopicCatalogue topics) {
        String metricsTopic = topics.name(TopicCatalogue.METRICS);
        String driftTopic = topics.name(TopicCatalogue.DRIFT_REPORTS);
        Serializer<MetricSnapshot> metrics = topics.valueSerde(TopicCatalogue.METRICS).serializer();
        Serializer<DriftReport> drift = topics.valueSerde(TopicCatalogue.DRIFT_REPORTS).serializer();
        Deserializer<MetricSnapshot> metricsIn = topics.valueSerde(TopicCatalogue.METRICS).deserializer();
        Deserializer<DriftReport> driftIn = topics.valueSerde(TopicCatalogue.DRIFT_REPORTS).deserializer();
        Serializer<Object> serializer = (topic, record) -> {
            if (record == null) {
                return null;
            }
            byte tag;
            byte[] body;
            if (record instanceof MetricSnapshot s) {
                tag = METRICS;
                body = metrics.serialize(metricsTopic, s);
            } else if (record instanceof DriftReport r) {
                tag = DRIFT;
                body = drift.serialize(driftTopic, r);
            } else {
                tag = DEAD_LETTER;
                body = ((DeadLetter) record).processor().getBytes(StandardCharsets.UTF_8);
            }
            byte[] tagged = new byte[body.length + 1];
            tagged[0] = tag;
            System.arraycopy(body, 0, tagged, 1, body.length);
            return tagged;
        };
        Deserializer<Object> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            byte[] body = Arrays.copyOfRange(bytes, 1, bytes.length);
            return switch (bytes[0]) {
                case METRICS -> metricsIn.deserialize(metricsTopic, body);
                case DRIFT -> driftIn.deserialize(driftTopic, body);
                case DEAD_LETTER -> new DeadLetter(new String(body, StandardCharsets.UTF_8));
                default -> throw new SerializationException("unknown alerting input tag " + bytes[0]);
            };
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
