package io.driftwatch.schemas.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.schemas.registry.CompatibilityLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Keeps the registry's state in a single-partition compacted topic, with the same JSON keys
 * and values as Confluent's {@code _schemas} topic, so schema ids survive a registry restart.
 */
final class KafkaSchemaLog implements SchemaLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Map<String, Object> clientProperties;
    private final KafkaProducer<String, String> producer;

    /** @param clientProperties Kafka client properties (bootstrap.servers, security, ...), passed through */
    KafkaSchemaLog(Map<String, Object> clientProperties, String topic) {
        this.topic = topic;
        this.clientProperties = Map.copyOf(clientProperties);
        createTopicIfMissing();
        Properties producerProps = properties();
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        this.producer = new KafkaProducer<>(producerProps);
    }

    @Override
    public List<SchemaLogEntry> replay() {
        Properties props = properties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Compaction keeps the newest record per key; replaying keys in order rebuilds the state.
        Map<String, String> latestByKey = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(partition, TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out reading the schema log topic " + topic);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    latestByKey.remove(record.key());
                    latestByKey.put(record.key(), record.value());
                }
            }
        }
        List<SchemaLogEntry> entries = new ArrayList<>();
        latestByKey.forEach((key, value) -> {
            if (value != null) {
                entries.add(decode(key, value));
            }
        });
        return entries;
    }

    @Override
    public void append(SchemaLogEntry entry) {
        ObjectNode key = JSON.createObjectNode();
        ObjectNode value = JSON.createObjectNode();
        if (entry instanceof SchemaLogEntry.SchemaVersion v) {
            key.put("keytype", "SCHEMA").put("subject", v.subject()).put("version", v.version()).put("magic", 1);
            value.put("subject", v.subject()).put("version", v.version()).put("id", v.id())
                    .put("schema", v.schema()).put("deleted", false);
        } else if (entry instanceof SchemaLogEntry.CompatibilitySetting c) {
            key.put("keytype", "CONFIG").put("subject", c.subject()).put("magic", 0);
            value.put("compatibilityLevel", c.level().name());
        }
        try {
            producer.send(new ProducerRecord<>(topic, key.toString(), value.toString()))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryError.of(50001, "Interrupted while writing to the schema log");
        } catch (ExecutionException | TimeoutException e) {
            throw RegistryError.of(50001, "Error while writing to the schema log topic " + topic + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private static SchemaLogEntry decode(String keyText, String valueText) {
        try {
            JsonNode key = JSON.readTree(keyText);
            JsonNode value = JSON.readTree(valueText);
            String keyType = key.path("keytype").asText();
            if ("SCHEMA".equals(keyType)) {
                return new SchemaLogEntry.SchemaVersion(value.get("subject").asText(), value.get("version").asInt(),
                        value.get("id").asInt(), value.get("schema").asText());
            }
            if ("CONFIG".equals(keyType)) {
                JsonNode subject = key.get("subject");
                return new SchemaLogEntry.CompatibilitySetting(
                        subject == null || subject.isNull() ? null : subject.asText(),
                        CompatibilityLevel.parse(value.get("compatibilityLevel").asText()));
            }
            throw new IllegalStateException("unknown keytype '" + keyType + "'");
        } catch (Exception e) {
            throw new IllegalStateException("schema log record with key " + keyText + " cannot be read: " + e.getMessage(), e);
        }
    }

    private void createTopicIfMissing() {
        try (Admin admin = Admin.create(properties())) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (existing.contains(topic)) {
                return;
            }
            int brokers = admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            Map<String, String> configs = new HashMap<>();
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            NewTopic newTopic = new NewTopic(topic, 1, (short) Math.min(3, brokers)).configs(configs);
            admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the schema log topic " + topic + ": " + e.getCause(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating the schema log topic " + topic
                    + " (is Kafka reachable at " + clientProperties.get("bootstrap.servers") + "?)", e);
        }
    }

    private Properties properties() {
        Properties props = new Properties();
        props.putAll(clientProperties);
        return props;
    }
}
