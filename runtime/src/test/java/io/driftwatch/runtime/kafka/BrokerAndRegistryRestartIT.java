package io.driftwatch.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.schemas.registry.RegistryClientConfig;
import io.driftwatch.schemas.registry.SchemaRegistryClient;
import io.driftwatch.schemas.registry.server.EmbeddedSchemaRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Crashes and restarts: a SIGKILLed child-JVM broker keeps acknowledged data; the registry keeps its ids. */
class BrokerAndRegistryRestartIT {

    @Test
    void shouldKeepAcknowledgedRecordsAndSchemaIdsAcrossKillAndRestart() throws Exception {
        try (ChildProcessKafkaBroker broker = ChildProcessKafkaBroker.start()) {
            Map<String, Object> kafka = Map.of("bootstrap.servers", broker.bootstrapServers());
            int predictionId;
            try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().kafka(kafka).start()) {
                predictionId = client(registry).register("p-value", PredictionEvent.getClassSchema());
            }
            try (Admin admin = Admin.create(props(broker))) {
                admin.createTopics(List.of(new NewTopic("durable", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer =
                         new KafkaProducer<>(props(broker), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("durable", "k", "acknowledged")).get(30, TimeUnit.SECONDS);
            }

            broker.kill();
            broker.restart();

            assertThat(readAll(broker, "durable")).containsExactly("acknowledged");
            try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().kafka(kafka).start()) {
                SchemaRegistryClient client = client(registry);
                assertThat(client.schemaById(predictionId)).isEqualTo(PredictionEvent.getClassSchema());
                assertThat(client.register("p-value", PredictionEvent.getClassSchema())).isEqualTo(predictionId);
                assertThat(client.register("g-value", GroundTruthEvent.getClassSchema())).isEqualTo(predictionId + 1);
            }
        }
    }

    private static SchemaRegistryClient client(EmbeddedSchemaRegistry registry) {
        return new SchemaRegistryClient(RegistryClientConfig.of(registry.url()));
    }

    private static Properties props(KafkaBroker broker) {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        return props;
    }

    private static List<String> readAll(KafkaBroker broker, String topic) {
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props(broker), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> values = new ArrayList<>();
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            while (consumer.position(partition, Duration.ofSeconds(30)) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
