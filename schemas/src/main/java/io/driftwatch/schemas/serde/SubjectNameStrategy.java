package io.driftwatch.schemas.serde;

import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/** Confluent's subject name strategies: which registry subject a topic's schema lives under. */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}: one schema per topic (Confluent's default). */
    TOPIC_NAME,
    /** The record's full name: one schema per type, across topics. */
    RECORD_NAME,
    /** {@code <topic>-<record full name>}: several types per topic. */
    TOPIC_RECORD_NAME;

    public String subject(String topic, boolean isKey, Schema schema) {
        return switch (this) {
            case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
            case RECORD_NAME -> schema.getFullName();
            case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
        };
    }

    /**
     * Accepts Confluent's class names (e.g. {@code io.confluent.kafka.serializers.subject.TopicNameStrategy}),
     * their simple names, or this enum's names, so Confluent serializer configs carry over.
     */
    public static SubjectNameStrategy parse(String key, Object value) {
        if (value == null) {
            return TOPIC_NAME;
        }
        String name = value.toString();
        String simple = name.substring(name.lastIndexOf('.') + 1);
        return switch (simple.toUpperCase(Locale.ROOT).replace("_", "")) {
            case "TOPICNAMESTRATEGY", "TOPICNAME" -> TOPIC_NAME;
            case "RECORDNAMESTRATEGY", "RECORDNAME" -> RECORD_NAME;
            case "TOPICRECORDNAMESTRATEGY", "TOPICRECORDNAME" -> TOPIC_RECORD_NAME;
            default -> throw new ConfigException(key, value,
                    "expected TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
        };
    }
}
