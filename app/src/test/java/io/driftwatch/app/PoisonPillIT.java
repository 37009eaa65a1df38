package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.deadletter.DeadLetterHeaders;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Poison pills and fuzzing (issue: reliability; docs/reliability.md): {@code driftwatch run --only
 * pipeline} in a child JVM reads both input topics, into which every kind of unreadable record —
 * empty values, a wrong magic byte, an unknown schema id, truncated Avro, a valid record of the
 * wrong schema, and 10 000 seeded random byte arrays — is mixed among valid predictions and
 * labels. Every bad record, and nothing else, lands in the dead-letter topic exactly once, with
 * its source position, error class and reason in headers; every valid record is processed; the
 * processor never stops.
 */
class PoisonPillIT {

    @RegisterExtension
    static final KafkaTestCluster kafka = new KafkaTestCluster();

    private static final int VALID = 2_000;
    private static final int RANDOM = 10_000;
    private static final Set<String> UNREADABLE = Set.of("too-short", "bad-magic-byte", "unknown-schema-id", "undecodable");

    private record Position(String topic, int partition, long offset) {
    }

    @Test
    void everyBadRecordShouldBeDeadLetteredOnceAndEveryGoodOneProcessed() throws Exception {
        TrustedAvroPackages.trustEvents();
        String prefix = "poison" + UUID.randomUUID().toString().substring(0, 6);
        Path dir = KafkaTestCluster.tempDir("poison");
        DriftwatchProcess driftwatch = DriftwatchProcess.create(dir, 0, DriftwatchProcess.sections(
                kafka.bootstrapServers(), kafka.registryUrl(), prefix, "partitions: 2"), "--only", "pipeline");
        DriftwatchConfig settings = driftwatch.settings();
        kafka.createTopics(settings);
        TopicCatalogue topics = kafka.catalogue(settings);
        String predictionTopic = topics.name(TopicCatalogue.PREDICTIONS);
        String labelTopic = topics.name(TopicCatalogue.GROUND_TRUTH);

        Random random = new Random(20261125);
        List<ProducerRecord<byte[], byte[]>> good = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> bad = new ArrayList<>();
        Instant t0 = Instant.now().minus(Duration.ofHours(1));
        int labelled = 0;
        for (int i = 0; i < VALID; i++) {
            PredictionEvent p = PredictionEvent.newBuilder().setPredictionId("p" + i).setModelId("m").setModelVersion("1")
                    .setEventTime(t0.plusMillis(i)).setNumericFeatures(Map.of("x", random.nextDouble()))
                    .setCategoricalFeatures(Map.of()).setScore(random.nextDouble()).setPredictedLabel("1").build();
            good.add(record(predictionTopic, p.getPredictionId(),
                    topics.valueSerde(TopicCatalogue.PREDICTIONS).serializer().serialize(predictionTopic, p)));
            if (i % 5 != 0) {
                GroundTruthEvent g = GroundTruthEvent.newBuilder().setPredictionId(p.getPredictionId()).setModelId("m")
                        .setEventTime(p.getEventTime().plusSeconds(1)).setActualLabel("1").build();
                good.add(record(labelTopic, g.getPredictionId(),
                        topics.valueSerde(TopicCatalogue.GROUND_TRUTH).serializer().serialize(labelTopic, g)));
                labelled++;
            }
        }
        for (String topic : List.of(predictionTopic, labelTopic)) {
            byte[] valid = good.stream().filter(r -> r.topic().equals(topic)).findFirst().orElseThrow().value();
            byte[] badMagic = valid.clone();
            badMagic[0] = 1;
            byte[] unknownId = valid.clone();
            ByteBuffer.wrap(unknownId).putInt(1, 987_654);
            bad.add(record(topic, "empty", new byte[0]));
            bad.add(record(topic, "bad-magic", badMagic));
            bad.add(record(topic, "unknown-id", unknownId));
            bad.add(record(topic, "truncated", Arrays.copyOf(valid, valid.length / 2)));
        }
        // Valid Avro, registered, but of the other topic's schema.
        bad.add(record(predictionTopic, "wrong-schema", good.stream().filter(r -> r.topic().equals(labelTopic))
                .findFirst().orElseThrow().value()));
        bad.add(record(labelTopic, "wrong-schema", good.get(0).value()));
        for (int i = 0; i < RANDOM; i++) {
            byte[] noise = new byte[random.nextInt(120)];
            random.nextBytes(noise);
            bad.add(record(i % 2 == 0 ? predictionTopic : labelTopic, "noise" + i, noise));
        }
        // Bad records scattered among the good ones, each topic's in a seeded order.
        List<ProducerRecord<byte[], byte[]>> mixed = new ArrayList<>(good);
        for (ProducerRecord<byte[], byte[]> poison : bad) {
            mixed.add(random.nextInt(mixed.size() + 1), poison);
        }

        try (driftwatch) {
            driftwatch.start(Duration.ofMinutes(2));
            Set<Position> injected = new HashSet<>();
            Map<String, Object> props = new HashMap<>(kafka.adminProperties());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                Set<ProducerRecord<byte[], byte[]>> poison = Collections.newSetFromMap(new IdentityHashMap<>());
                poison.addAll(bad);
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (ProducerRecord<byte[], byte[]> r : mixed) {
                    Future<RecordMetadata> ack = producer.send(r);
                    if (poison.contains(r)) {
                        sent.add(ack);
                    }
                }
                for (Future<RecordMetadata> ack : sent) {
                    RecordMetadata m = ack.get();
                    injected.add(new Position(m.topic(), m.partition(), m.offset()));
                }
            }

            // Wait for everything expected, then read each topic to its end: more would be a failure too.
            kafka.awaitRawRecords(topics.name(TopicCatalogue.DEAD_LETTER), bad.size());
            kafka.awaitRawRecords(topics.name(TopicCatalogue.VALIDATED_PREDICTIONS), VALID);
            kafka.awaitRawRecords(topics.name(TopicCatalogue.LABELED_PREDICTIONS), labelled);
            List<ConsumerRecord<String, PredictionEvent>> validated = kafka.readAll(
                    topics.name(TopicCatalogue.VALIDATED_PREDICTIONS), new StringDeserializer(),
                    topics.valueSerde(TopicCatalogue.VALIDATED_PREDICTIONS).deserializer());
            List<ConsumerRecord<String, LabeledPrediction>> labels = kafka.readAll(
                    topics.name(TopicCatalogue.LABELED_PREDICTIONS), new StringDeserializer(),
                    topics.valueSerde(TopicCatalogue.LABELED_PREDICTIONS).deserializer());

            Set<Position> dead = new HashSet<>();
            Set<String> named = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> letter : kafka.readAll(topics.name(TopicCatalogue.DEAD_LETTER),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                String topic = DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.SOURCE_TOPIC);
                Position at = new Position(topic,
                        Integer.parseInt(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.SOURCE_PARTITION)),
                        Long.parseLong(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.SOURCE_OFFSET)));
                assertThat(dead.add(at)).as("dead-lettered once: " + at).isTrue();
                assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.PROCESSOR)).isEqualTo("ingest");
                assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.ERROR_CLASS)).as(at.toString()).isNotBlank();
                String reason = DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.REASON);
                assertThat(reason).as(at.toString()).isIn(UNREADABLE);
                String key = letter.key() == null ? "" : new String(letter.key(), StandardCharsets.UTF_8);
                if (!key.startsWith("noise")) {
                    named.add(topic + "/" + key);
                    assertThat(reason).as(key).isEqualTo(switch (key) {
                        case "empty" -> "too-short";
                        case "bad-magic" -> "bad-magic-byte";
                        case "unknown-id" -> "unknown-schema-id";
                        default -> "undecodable"; // truncated, wrong-schema
                    });
                }
            }
            assertThat(dead).isEqualTo(injected);
            assertThat(named).as("the ten named kinds, five per topic").hasSize(10);
            assertThat(validated).extracting(r -> r.value().getPredictionId()).doesNotHaveDuplicates().hasSize(VALID);
            assertThat(labels).hasSize(labelled);
            assertThat(driftwatch.alive()).as(driftwatch.logTail()).isTrue();
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + driftwatch.httpPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).as("health").contains("\"status\":\"UP\"");
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
    }
}
