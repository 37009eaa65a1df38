package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.drift.profile.ProfileBuilder;
import io.driftwatch.events.Alert;
import io.driftwatch.events.AlertState;
import io.driftwatch.events.DriftReport;
import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.Severity;
import io.driftwatch.events.TaskType;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.streams.Health;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The four processors in one JVM, as {@code driftwatch run} starts them: a prediction and its
 * label flow through, a profile published as {@code driftwatch profile} does arrives, and the HTTP
 * endpoints answer.
 */
class PipelineIT {

    @RegisterExtension
    static final KafkaTestCluster kafka = new KafkaTestCluster();

    @Test
    void allProcessorsShouldRunTogetherAndServeHttp() throws Exception {
        TrustedAvroPackages.trustEvents();
        DriftwatchConfig config = KafkaTestCluster.withFreeHttpPort(kafka.config(Map.of(), Map.of()));
        TopicCatalogue topics = kafka.catalogue(config);
        try (Pipeline pipeline = Pipeline.start(config, List.of())) {
            await("every processor running").atMost(Duration.ofSeconds(90))
                    .until(() -> pipeline.runner().health().status() == Health.Status.UP);
            Instant now = Instant.now().minusSeconds(30);
            PredictionEvent prediction = PredictionEvent.newBuilder().setPredictionId("p1").setModelId("churn")
                    .setModelVersion("1").setEventTime(now).setNumericFeatures(Map.of("x", 1.0))
                    .setCategoricalFeatures(Map.of()).setScore(0.8).setPredictedLabel("1").build();
            kafka.produce(topics.name(TopicCatalogue.PREDICTIONS), new StringSerializer(),
                    topics.valueSerde(TopicCatalogue.PREDICTIONS).serializer(), Map.of("p1", prediction));
            kafka.produce(topics.name(TopicCatalogue.GROUND_TRUTH), new StringSerializer(),
                    topics.valueSerde(TopicCatalogue.GROUND_TRUTH).serializer(), Map.of("p1", GroundTruthEvent.newBuilder()
                            .setPredictionId("p1").setModelId("churn").setEventTime(now.plusSeconds(5)).setActualLabel("1")
                            .build()));
            List<LabeledPrediction> labeled = kafka.awaitRecords(topics.name(TopicCatalogue.LABELED_PREDICTIONS),
                    new StringDeserializer(), topics.valueSerde(TopicCatalogue.LABELED_PREDICTIONS).deserializer(), 1)
                    .stream().map(r -> r.value()).toList();
            assertThat(labeled.get(0).getPrediction().getPredictionId()).isEqualTo("p1");

            // driftwatch profile publishes a training profile where the drift detector reads it.
            ReferenceProfile training = new ProfileBuilder("churn", "1", ProfileSource.TRAINING_DATA,
                    TaskType.BINARY_CLASSIFICATION, 10).build(Instant.now());
            ProfileCommand.publish(config, training);
            var profiles = kafka.awaitRecords(topics.name(TopicCatalogue.REFERENCE_PROFILES), new StringDeserializer(),
                    topics.valueSerde(TopicCatalogue.REFERENCE_PROFILES).deserializer(), 1);
            assertThat(profiles.get(0).key()).isEqualTo("churn/1");
            assertThat(profiles.get(0).value().getSource()).isEqualTo(ProfileSource.TRAINING_DATA);

            assertThat(get(pipeline, "/health").body()).contains("\"status\":\"UP\"").contains("\"pipeline\":\"RUNNING\"").contains("\"alerting\":\"RUNNING\"");
            assertThat(get(pipeline, "/metrics").body()).contains("driftwatch_ingest_records_in_total")
                    .contains("jvm_memory_used_bytes{").contains("jvm_gc_").contains("jvm_threads_live_threads")
                    .contains("process_cpu_usage").contains("process_uptime_seconds").contains("process_files_open_files");
            HttpResponse<String> models = get(pipeline, "/api/models");
            assertThat(models.statusCode()).isEqualTo(200);
            assertThat(models.body()).startsWith("{\"models\":");
            assertThat(get(pipeline, "/ready").body()).isEqualTo("{\"ready\":true,\"status\":\"UP\"}");

            // The alerts and drift reports as the HTTP API shows them (written here directly, as the processors do).
            Instant window = Instant.parse("2026-11-23T10:00:00Z");
            kafka.produce(topics.name(TopicCatalogue.ALERTS), new StringSerializer(), topics.valueSerde(TopicCatalogue.ALERTS)
                    .serializer(), Map.of("churn", Alert.newBuilder().setDedupeKey("churn|1|concept").setModelId("churn")
                    .setModelVersion("1").setRuleId("concept").setSeverity(Severity.CRITICAL).setState(AlertState.FIRING)
                    .setStartsAt(window).setSentAt(Instant.now()).setNotification(1).setSummary("churn v1: concept drift")
                    .setEvidence(List.of()).setSilenced(false).build()));
            kafka.produce(topics.name(TopicCatalogue.DRIFT_REPORTS), new StringSerializer(),
                    topics.valueSerde(TopicCatalogue.DRIFT_REPORTS).serializer(), Map.of("churn", DriftReport.newBuilder()
                            .setModelId("churn").setModelVersion("1").setWindowStart(window).setWindowEnd(window.plusSeconds(60))
                            .setGeneratedAt(Instant.now()).setSampleSize(500).setReferenceSampleSize(1000).setFeatures(List.of())
                            .setDriftedFeatureShare(0).setDatasetDrift(false).setPersistent(false).setConceptDrift(List.of())
                            .build()));
            await("the alert and the report over HTTP").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(get(pipeline, "/api/alerts").body()).startsWith("{\"active\":[{\"dedupe_key\":\"churn|1|concept\"")
                        .contains("\"recent\":[{");
                assertThat(get(pipeline, "/api/models/churn/drift").body())
                        .startsWith("{\"model\":\"churn\",\"reports\":[{\"model_id\":\"churn\"").contains("\"sample_size\":500");
            });
            HttpResponse<String> unknown = get(pipeline, "/api/models/nobody/drift");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).isEqualTo("{\"error\":\"no drift reports for model 'nobody'\"}");
            // The OpenAPI document describes exactly the routes the server registers, with the status codes they answer.
            JsonNode openApi = new ObjectMapper().readTree(get(pipeline, "/api/openapi.json").body());
            List<String> documented = new ArrayList<>();
            openApi.path("paths").fieldNames().forEachRemaining(documented::add);
            for (String route : pipeline.httpRoutes()) {
                assertThat(documented).as("documented under " + route).anyMatch(p -> under(p, route));
            }
            for (String path : documented) {
                // The most specific route serves it (the JDK server routes by longest prefix); "/" only the dashboard.
                String serving = pipeline.httpRoutes().stream().filter(route -> under(path, route))
                        .max(Comparator.comparingInt(String::length)).orElseThrow();
                assertThat(serving.equals("/") && !path.equals("/")).as("a route of its own for " + path).isFalse();
                HttpResponse<String> answer = get(pipeline, path.replace("{model}", "churn"));
                assertThat(openApi.path("paths").path(path).path("get").path("responses").has(
                        String.valueOf(answer.statusCode()))).as("GET " + path + " answered " + answer.statusCode()).isTrue();
            }
            // Every route of the API: bad parameters are 400 naming them, other methods 405.
            for (String bad : List.of("/api/alerts?limit=many", "/api/alerts?limit=501", "/api/models/churn/drift?limit=-1",
                    "/api/models/churn/metrics?limit=-1", "/api/models/churn/metrics?limit=10001",
                    "/api/models?local=maybe")) {
                HttpResponse<String> answer = get(pipeline, bad);
                assertThat(answer.statusCode()).as(bad).isEqualTo(400);
                assertThat(answer.body()).as(bad).contains(bad.contains("local") ? "local must be one of" : "limit must be");
            }
            for (String path : List.of("/", "/api/alerts", "/api/models", "/api/models/churn/drift",
                    "/api/models/churn/metrics", "/metrics", "/health", "/ready")) {
                HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + pipeline.httpPort() + path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(post.statusCode()).as("POST " + path).isEqualTo(405);
                assertThat(post.headers().firstValue("Allow")).as(path).contains("GET");
            }
        }
    }

    /** Whether a route at {@code route} serves {@code path} (the JDK server routes by path prefix). */
    private static boolean under(String path, String route) {
        return path.equals(route) || path.startsWith(route.endsWith("/") ? route : route + "/");
    }

    private static HttpResponse<String> get(Pipeline pipeline, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + pipeline.httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
