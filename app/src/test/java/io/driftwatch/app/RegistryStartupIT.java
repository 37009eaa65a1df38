package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.events.DriftReport;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A schema registry away when {@code driftwatch run} starts (the hardening issue's case 3): the
 * processors wait for it instead of failing a stream thread per record (a stack trace each), the
 * log says so once per backoff step, {@code /health} is DEGRADED naming the registry and the API's
 * tail of the outputs, {@code /ready} false; once the registry answers, everything runs and the
 * API serves what was written while it was away.
 */
class RegistryStartupIT {

    @RegisterExtension
    static final KafkaTestCluster kafka = new KafkaTestCluster();

    @Test
    void aRegistryAwayAtStartUpShouldHoldTheProcessorsBackAndTheApiShouldCatchUpOnceItAnswers() throws Exception {
        TrustedAvroPackages.trustEvents();
        String prefix = "regstart" + UUID.randomUUID().toString().substring(0, 6);
        Path dir = KafkaTestCluster.tempDir("regstart");
        try (RegistryProxy registry = new RegistryProxy(kafka.registryUrl())) {
            DriftwatchProcess driftwatch = DriftwatchProcess.create(dir, 0, DriftwatchProcess.sections(
                    kafka.bootstrapServers(), registry.url(), prefix, "partitions: 1"), "--only", "pipeline");
            DriftwatchConfig settings = driftwatch.settings();
            kafka.createTopics(settings);
            TopicCatalogue topics = kafka.catalogue(settings);
            // Written while the registry answers: a prediction for ingest, a drift report for the API's tail.
            Instant now = Instant.now();
            kafka.produce(topics.name(TopicCatalogue.PREDICTIONS), new StringSerializer(),
                    topics.valueSerde(TopicCatalogue.PREDICTIONS).serializer(), Map.of("p1", PredictionEvent.newBuilder()
                            .setPredictionId("p1").setModelId("churn").setModelVersion("1").setEventTime(now)
                            .setNumericFeatures(Map.of("x", 1.0)).setCategoricalFeatures(Map.of()).setScore(0.5).build()));
            kafka.produce(topics.name(TopicCatalogue.DRIFT_REPORTS), new StringSerializer(),
                    topics.valueSerde(TopicCatalogue.DRIFT_REPORTS).serializer(), Map.of("churn", DriftReport.newBuilder()
                            .setModelId("churn").setModelVersion("1").setWindowStart(now).setWindowEnd(now.plusSeconds(60))
                            .setGeneratedAt(now).setSampleSize(500).setReferenceSampleSize(1000).setFeatures(List.of())
                            .setDriftedFeatureShare(0).setDatasetDrift(false).setPersistent(false).setConceptDrift(List.of())
                            .build()));
            registry.refuseConnections();

            try (driftwatch) {
                driftwatch.launch();
                await("health names the registry").atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() ->
                        get(driftwatch, "/health").body().contains("\"registry\":\"unreachable\""));
                Thread.sleep(8_000); // a few backoff steps
                HttpResponse<String> waiting = get(driftwatch, "/health");
                HttpResponse<String> notReady = get(driftwatch, "/ready");
                registry.acceptConnections();
                driftwatch.awaitReady(Duration.ofMinutes(2));

                assertThat(waiting.statusCode()).isEqualTo(200);
                assertThat(waiting.body()).contains("\"status\":\"DEGRADED\"").contains("\"registry\":\"unreachable\"")
                        .contains("\"outputs\":\"retrying\"").contains("\"processors\":\"starting\"");
                assertThat(notReady.statusCode()).isEqualTo(503);
                await("the report written while the registry was away").atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                        assertThat(get(driftwatch, "/api/models/churn/drift").body()).contains("\"sample_size\":500"));
                await("the prediction validated").atMost(Duration.ofMinutes(1)).until(() ->
                        kafka.readAll(topics.name(TopicCatalogue.VALIDATED_PREDICTIONS), new StringDeserializer(),
                                new ByteArrayDeserializer()).size() == 1);
                await("health UP").atMost(Duration.ofMinutes(1)).until(() ->
                        get(driftwatch, "/health").body().startsWith("{\"status\":\"UP\""));

                List<String> log = Files.readAllLines(dir.resolve("driftwatch-0.log"));
                long waits = log.stream().filter(l -> l.contains("schema registry at") && l.contains("does not answer")).count();
                assertThat(waits).as("one warning per backoff step (1, 2, 4, 8 s …)").isBetween(2L, 8L);
                assertThat(log).as("no stack trace from the registry client").noneMatch(l -> l.startsWith("\tat io.driftwatch.schemas.registry"));
            }
        }
    }

    private static HttpResponse<String> get(DriftwatchProcess driftwatch, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + driftwatch.httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
