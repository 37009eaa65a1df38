package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.events.DriftReport;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.deadletter.DeadLetterHeaders;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The wide events of the hardening issue, on a real broker (docs/reliability.md): a prediction
 * with 20 000 features, one with 10 000 and a 900 KB record stopped the drift processor for good,
 * by making records over Kafka's 1 MB. {@code driftwatch run --only pipeline} in a child JVM
 * now dead-letters those three with the bound they break, and summarises, captures a reference
 * from, and tests 400 of the widest predictions ingest accepts (500 features with 128-character
 * names) without a record too large: it stays UP throughout.
 */
class WideEventIT {

    @RegisterExtension
    static final KafkaTestCluster kafka = new KafkaTestCluster();

    private static final Duration WINDOW = Duration.ofSeconds(10);

    @Test
    void wideEventsShouldBeDeadLetteredOrSummarisedWithoutStoppingAnyProcessor() throws Exception {
        TrustedAvroPackages.trustEvents();
        String prefix = "wide" + UUID.randomUUID().toString().substring(0, 6);
        Path dir = KafkaTestCluster.tempDir("wide");
        Map<String, String> sections = DriftwatchProcess.sections(kafka.bootstrapServers(), kafka.registryUrl(), prefix,
                "partitions: 1");
        sections.put("drift", "{window: 10s, grace: 0s, flush-interval: 500ms, min-window-samples: 50, "
                + "auto-capture-samples: 250}");
        DriftwatchProcess driftwatch = DriftwatchProcess.create(dir, 0, sections, "--only", "pipeline");
        DriftwatchConfig settings = driftwatch.settings();
        kafka.createTopics(settings);
        TopicCatalogue topics = kafka.catalogue(settings);
        String predictionTopic = topics.name(TopicCatalogue.PREDICTIONS);
        var serializer = topics.valueSerde(TopicCatalogue.PREDICTIONS).serializer();

        long twoMinutesAgo = Instant.now().minus(Duration.ofMinutes(2)).toEpochMilli();
        Instant t0 = Instant.ofEpochMilli(twoMinutesAgo - Math.floorMod(twoMinutesAgo, WINDOW.toMillis()));
        Random random = new Random(20261127);
        try (driftwatch) {
            driftwatch.start(Duration.ofMinutes(2));
            Map<String, Object> props = new HashMap<>(kafka.adminProperties());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                producer.send(record(predictionTopic, "twenty-thousand",
                        serializer.serialize(predictionTopic, prediction("twenty-thousand", t0, 20_000, 6, random))));
                producer.send(record(predictionTopic, "ten-thousand",
                        serializer.serialize(predictionTopic, prediction("ten-thousand", t0, 10_000, 6, random))));
                PredictionEvent bulky = prediction("bulky", t0, 1, 6, random);
                bulky.setCategoricalFeatures(Map.of("note", "n".repeat(900_000)));
                producer.send(record(predictionTopic, "bulky", serializer.serialize(predictionTopic, bulky)));
                // Three windows of the widest accepted predictions: two captured as the reference, one tested.
                for (int i = 0; i < 400; i++) {
                    Instant at = t0.plus(WINDOW.multipliedBy(i < 150 ? 0 : i < 300 ? 1 : 2)).plusMillis(i);
                    PredictionEvent wide = prediction("w" + i, at, 500, 128, random);
                    producer.send(record(predictionTopic, wide.getPredictionId(), serializer.serialize(predictionTopic, wide)));
                }
                PredictionEvent tick = prediction("tick", t0.plus(WINDOW.multipliedBy(6)), 500, 128, random);
                producer.send(record(predictionTopic, "tick", serializer.serialize(predictionTopic, tick))).get();
            }

            List<ConsumerRecord<byte[], byte[]>> letters = kafka.awaitRawRecords(topics.name(TopicCatalogue.DEAD_LETTER), 3);
            assertThat(letters).extracting(l -> new String(l.key(), StandardCharsets.UTF_8) + " "
                            + DeadLetterHeaders.get(l.headers(), DeadLetterHeaders.REASON))
                    .containsExactlyInAnyOrder("twenty-thousand event-too-large", "ten-thousand too-many-features",
                            "bulky event-too-large");
            List<ConsumerRecord<String, ReferenceProfile>> captured = kafka.awaitRecords(
                    topics.name(TopicCatalogue.REFERENCE_PROFILES), new StringDeserializer(),
                    topics.valueSerde(TopicCatalogue.REFERENCE_PROFILES).deserializer(), 1);
            assertThat(captured.get(0).value().getNumericFeatures()).hasSize(500);
            assertThat(captured.get(0).value().getSampleCount()).isEqualTo(300);
            List<DriftReport> reports = kafka.awaitRecords(topics.name(TopicCatalogue.DRIFT_REPORTS),
                            new StringDeserializer(), topics.valueSerde(TopicCatalogue.DRIFT_REPORTS).deserializer(), 3)
                    .stream().map(ConsumerRecord::value).sorted(Comparator.comparing(DriftReport::getWindowStart)).toList();
            assertThat(reports).extracting(DriftReport::getSampleSize).containsExactly(150L, 150L, 100L);
            assertThat(reports.get(2).getFeatures()).as("tested against the captured reference").hasSize(500);

            assertThat(driftwatch.alive()).as(driftwatch.logTail()).isTrue();
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + driftwatch.httpPort() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).as("health").contains("\"status\":\"UP\"");
            assertThat(Files.readString(dir.resolve("driftwatch-0.log"))).doesNotContain("RecordTooLargeException");
        }
    }

    /** A prediction with {@code features} numeric features named with {@code nameLength} characters. */
    private static PredictionEvent prediction(String id, Instant at, int features, int nameLength, Random random) {
        Map<String, Double> numeric = new HashMap<>();
        for (int f = 0; f < features; f++) {
            numeric.put(String.format("%0" + nameLength + "d", f), random.nextGaussian());
        }
        return PredictionEvent.newBuilder().setPredictionId(id).setModelId("wide").setModelVersion("1")
                .setEventTime(at).setNumericFeatures(numeric).setCategoricalFeatures(Map.of())
                .setScore(random.nextDouble()).build();
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
    }
}
