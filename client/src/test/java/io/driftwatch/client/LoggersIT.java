package io.driftwatch.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.kafka.ChildProcessKafkaBroker;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.registry.server.EmbeddedSchemaRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The loggers on a real broker: everything logged arrives once, a label in its prediction's
 * partition, across a registry outage and across a broker killed and restarted.
 */
class LoggersIT {

    @RegisterExtension
    static final KafkaTestCluster kafka = new KafkaTestCluster();

    @Test
    void whatIsLoggedDuringARegistryOutageShouldArriveOnceItEndsExactlyOnceAndCoPartitioned() throws Exception {
        DriftwatchConfig config = kafka.config(Map.of(), Map.of(), 4);
        kafka.createTopics(config);
        TopicCatalogue topics = kafka.catalogue(config);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // The registry is away while the first half is logged, then comes back on the same port.
        LoggerSettings settings = LoggerSettings.builder(kafka.bootstrapServers(), "http://127.0.0.1:" + port)
                .topicPrefix(topics.name(TopicCatalogue.PREDICTIONS).replace("driftwatch.predictions.v1", "")).build();
        EmbeddedSchemaRegistry registry = null;
        try (PredictionLogger predictions = new PredictionLogger(settings);
             GroundTruthLogger labels = new GroundTruthLogger(settings)) {
            for (int i = 0; i < 200; i++) {
                if (i == 100) {
                    Thread.sleep(3_000); // the sender waits on the registry meanwhile
                    registry = EmbeddedSchemaRegistry.builder().kafka(kafka.adminProperties()).port(port).start();
                }
                assertThat(predictions.prediction("p" + i).model("churn", "3").numeric("tenure", i).score(0.5).label("1")
                        .log()).isTrue();
                assertThat(labels.groundTruth("p" + i).model("churn").label(i % 2 == 0 ? "1" : "0").log()).isTrue();
            }
            predictions.close(Duration.ofSeconds(30));
            labels.close(Duration.ofSeconds(30));
            assertThat(predictions.dropped() + predictions.failed() + labels.dropped() + labels.failed()).isZero();
        } finally {
            if (registry != null) {
                registry.close();
            }
        }

        Map<String, Integer> predictionPartitions = partitions(topics.name(TopicCatalogue.PREDICTIONS), 200);
        Map<String, Integer> labelPartitions = partitions(topics.name(TopicCatalogue.GROUND_TRUTH), 200);
        assertThat(predictionPartitions).hasSize(200);
        assertThat(labelPartitions).isEqualTo(predictionPartitions);
    }

    @Test
    void whatIsLoggedWhileTheBrokerIsDownShouldArriveOnceItIsBackWithoutDuplicates() throws Exception {
        try (ChildProcessKafkaBroker broker = ChildProcessKafkaBroker.start();
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().start()) {
            Map<String, Object> admin = Map.of("bootstrap.servers", broker.bootstrapServers());
            try (Admin client = Admin.create(admin)) {
                client.createTopics(List.of(new NewTopic("driftwatch.predictions.v1", 2, (short) 1))).all().get();
            }
            try (PredictionLogger predictions = new PredictionLogger(
                    LoggerSettings.builder(broker.bootstrapServers(), registry.url()).build())) {
                for (int i = 0; i < 300; i++) {
                    if (i == 100) {
                        Thread.sleep(1_000);
                        broker.kill(); // SIGKILL: in-flight batches are retried by the idempotent producer
                    }
                    if (i == 200) {
                        broker.restart();
                    }
                    assertThat(predictions.prediction("p" + i).model("churn", "3").score(0.5).log()).isTrue();
                }
                predictions.close(Duration.ofSeconds(60));
                assertThat(predictions.dropped() + predictions.failed()).isZero();
            }
            Map<String, Object> consumer = new HashMap<>(admin);
            consumer.put("group.id", "after-outage");
            consumer.put("auto.offset.reset", "earliest");
            List<String> ids = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> read = new KafkaConsumer<>(consumer, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                read.subscribe(List.of("driftwatch.predictions.v1"));
                await("300 predictions").atMost(Duration.ofSeconds(60)).until(() -> {
                    read.poll(Duration.ofMillis(500)).forEach(r -> ids.add(r.key()));
                    return ids.size() >= 300;
                });
                Thread.sleep(2_000);
                read.poll(Duration.ofMillis(500)).forEach(r -> ids.add(r.key()));
            }
            assertThat(ids).hasSize(300).doesNotHaveDuplicates();
        }
    }

    /** Prediction id → partition of every record on the topic, failing on a duplicate. */
    private static Map<String, Integer> partitions(String topic, int count) {
        await(topic).atMost(Duration.ofSeconds(60)).until(() -> kafka.readAll(topic, new StringDeserializer(),
                new ByteArrayDeserializer()).size() >= count);
        List<ConsumerRecord<String, byte[]>> records = kafka.readAll(topic, new StringDeserializer(),
                new ByteArrayDeserializer());
        assertThat(records).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
        return records.stream().collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::partition, (a, b) -> a,
                HashMap::new));
    }
}
