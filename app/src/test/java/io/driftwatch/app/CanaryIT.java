package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.streams.Health;
import io.driftwatch.runtime.testing.CapturedLogs;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicSpec;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Data protection, end to end: prediction ids, record keys, categorical feature values and
 * segment values all carry one random marker; after the pipeline has produced metrics (with a
 * segment series), drift reports, alerts and a retraining trigger, the marker's bytes are in
 * none of those topics, in no HTTP answer (API, Prometheus, health) and in no log line. The
 * dead-letter topic, which holds rejected records as they came, must hold it: that is where raw
 * data is documented to be, and it shows the search would find a leak.
 */
class CanaryIT {

    @RegisterExtension
    static final KafkaTestCluster kafka = new KafkaTestCluster();

    private static final String MODEL = "churn";

    @Test
    void noRawValueShouldReachAnyOutputHttpAnswerOrLog() throws Exception {
        TrustedAvroPackages.trustEvents();
        String marker = "CANARY" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        DriftwatchConfig config = KafkaTestCluster.withFreeHttpPort(kafka.config(Map.of(), Map.of(
                // A short label horizon makes windows final soon, which the retraining policy counts labels from.
                "models", List.of(Map.of("model", "*", "segments", List.of("country"), "label-horizon", "2m")),
                "drift", Map.of("min-window-samples", 50, "auto-capture-samples", 200),
                "alerting", Map.of(
                        "rules", List.of(Map.of("id", "always", "when", "accuracy < 1.01"),
                                Map.of("id", "drift", "drift", "features")),
                        "retraining", Map.of("on", List.of("performance"), "performance-windows", 1,
                                "min-new-labels", 1)))));
        TopicCatalogue topics = kafka.catalogue(config);
        CapturedLogs logs = CapturedLogs.start();
        try (logs; Pipeline pipeline = Pipeline.start(config, List.of())) {
            await("every processor running").atMost(Duration.ofSeconds(90))
                    .until(() -> pipeline.runner().health().status() == Health.Status.UP);
            Instant start = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
            Map<String, PredictionEvent> predictions = new LinkedHashMap<>();
            Map<String, GroundTruthEvent> truths = new LinkedHashMap<>();
            for (int i = 0; i < 900; i++) {
                Instant time = start.plusMillis(i * 200L);
                PredictionEvent p = prediction("pid-" + marker + "-" + i, time, marker, i);
                predictions.put(p.getPredictionId(), p);
                truths.put(p.getPredictionId(), GroundTruthEvent.newBuilder().setPredictionId(p.getPredictionId())
                        .setModelId(MODEL).setEventTime(time.plusSeconds(5)).setActualLabel(i % 4 == 0 ? "0" : "1").build());
            }
            // Later records on every partition move the clocks past the windows and their grace.
            for (int i = 0; i < 8; i++) {
                PredictionEvent tick = prediction("tick-" + marker + "-" + i, start.plus(20, ChronoUnit.MINUTES), marker, i);
                predictions.put(tick.getPredictionId(), tick);
                truths.put(tick.getPredictionId(), GroundTruthEvent.newBuilder().setPredictionId(tick.getPredictionId())
                        .setModelId(MODEL).setEventTime(tick.getEventTime()).setActualLabel("1").build());
            }
            kafka.produce(topics.name(TopicCatalogue.PREDICTIONS), new StringSerializer(),
                    topics.valueSerde(TopicCatalogue.PREDICTIONS).serializer(), predictions);
            kafka.produce(topics.name(TopicCatalogue.GROUND_TRUTH), new StringSerializer(),
                    topics.valueSerde(TopicCatalogue.GROUND_TRUTH).serializer(), truths);
            // A record no processor can read: to the dead-letter topic, as it came.
            kafka.produceBytes(topics.name(TopicCatalogue.PREDICTIONS), ("bad-" + marker).getBytes(StandardCharsets.UTF_8),
                    ("not avro " + marker).getBytes(StandardCharsets.UTF_8));

            await("snapshots with a segment series, drift reports, an alert and a trigger")
                    .atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                        assertThat(records(topics, TopicCatalogue.METRICS)).as("metrics").hasSizeGreaterThan(3);
                        assertThat(records(topics, TopicCatalogue.DRIFT_REPORTS)).as("drift reports").isNotEmpty();
                        assertThat(records(topics, TopicCatalogue.ALERTS)).as("alerts").isNotEmpty();
                        assertThat(records(topics, TopicCatalogue.RETRAINING_TRIGGERS)).as("triggers").isNotEmpty();
                    });
            assertThat(records(topics, TopicCatalogue.METRICS)).anySatisfy(r ->
                    assertThat(new String(r.key(), StandardCharsets.UTF_8)).contains("country="));

            for (var topic : List.of(TopicCatalogue.METRICS, TopicCatalogue.DRIFT_REPORTS, TopicCatalogue.ALERTS,
                    TopicCatalogue.RETRAINING_TRIGGERS)) {
                for (ConsumerRecord<byte[], byte[]> r : records(topics, topic)) {
                    assertThat(bytesOf(r)).as("a record of %s", topics.name(topic)).doesNotContain(marker);
                }
            }
            assertThat(records(topics, TopicCatalogue.DEAD_LETTER)).anySatisfy(r -> assertThat(bytesOf(r)).contains(marker));

            String metrics = "/api/models/" + MODEL + "/metrics";
            for (String path : List.of("/api/models", metrics, metrics + "?segment=" + URLEncoder.encode("*", StandardCharsets.UTF_8),
                    "/api/models/" + MODEL + "/drift", "/api/alerts", "/metrics", "/health", "/ready")) {
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + pipeline.httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(path).isEqualTo(200);
                assertThat(answer.body()).as(path).doesNotContain(marker);
            }
        }
        assertThat(logs.lines()).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(marker));
    }

    private static PredictionEvent prediction(String id, Instant time, String marker, int i) {
        return PredictionEvent.newBuilder().setPredictionId(id).setModelId(MODEL).setModelVersion("1").setEventTime(time)
                .setNumericFeatures(Map.of("tenure", (double) (i % 50)))
                .setCategoricalFeatures(Map.of("colour", "colour-" + marker + "-" + (i % 4)))
                .setSegments(Map.of("country", "country-" + marker + "-" + (i % 3), "user", "user-" + marker + "-" + i))
                .setScore(0.8).setPredictedLabel("1").build();
    }

    private static List<ConsumerRecord<byte[], byte[]>> records(TopicCatalogue topics, TopicSpec<?, ?> spec) {
        return kafka.readAll(topics.name(spec), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Key, value and headers, as one string of their bytes. */
    private static String bytesOf(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder all = new StringBuilder();
        if (record.key() != null) {
            all.append(new String(record.key(), StandardCharsets.ISO_8859_1));
        }
        if (record.value() != null) {
            all.append(new String(record.value(), StandardCharsets.ISO_8859_1));
        }
        for (Header header : record.headers()) {
            all.append(header.key()).append(new String(header.value(), StandardCharsets.ISO_8859_1));
        }
        return all.toString();
    }
}
