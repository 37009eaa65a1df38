package io.driftwatch.alerting;

import static io.driftwatch.alerting.AlertingEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.driftwatch.alerting.config.AlertingSettings;
import io.driftwatch.alerting.sinks.AlertSinks;
import io.driftwatch.events.Alert;
import io.driftwatch.events.AlertState;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.events.Severity;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.streams.StreamsRunner;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.registry.RegistryUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Alerting on a real KRaft broker, exactly-once, with a local HTTP receiver standing in for
 * Alertmanager: alerts arrive in Alertmanager's format; with the receiver down they still reach
 * the topic and the failed deliveries are counted.
 */
class AlertingIT {

    @RegisterExtension
    static final KafkaTestCluster kafka = new KafkaTestCluster();

    @Test
    void alertsShouldReachAlertmanagerAndStayOnTheTopicWhenItIsDown() throws Exception {
        List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
        HttpServer alertmanager = alertmanager(received);
        String url = "http://127.0.0.1:" + alertmanager.getAddress().getPort();
        Map<String, Object> section = Map.of("rules", List.of(Map.of("id", "accuracy-low", "when", "accuracy < 0.85",
                        "severity", "critical")),
                "sinks", Map.of("alertmanager", Map.of("url", url), "max-attempts", 2, "backoff", "50ms", "timeout", "1s"));
        DriftwatchConfig config = kafka.config(Map.of(), Map.of("alerting", section));
        kafka.createTopics(config);
        TopicCatalogue topics = kafka.catalogue(config);
        MeterRegistry meters = new SimpleMeterRegistry();

        try (StreamsRunner runner = new StreamsRunner(config, topics, meters);
             AlertSinks sinks = new AlertSinks(AlertingSettings.from(config).sinks(), config.kafka(),
                     runner.applicationId("alert-sinks"), topics.name(TopicCatalogue.ALERTS),
                     topics.valueSerde(TopicCatalogue.ALERTS).deserializer(), meters).start()) {
            runner.start(List.of(new AlertingTopology()));
            produce(topics, snapshot("churn", "3", 0, 0.6).build());

            await("the alert at Alertmanager").atMost(Duration.ofSeconds(60)).until(() -> received.size() == 1);
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) received.get(0).get("labels");
            assertThat(labels).containsEntry("alertname", "accuracy-low").containsEntry("model", "churn")
                    .containsEntry("version", "3").containsEntry("severity", "critical")
                    .containsEntry("dedupe_key", "churn|3|accuracy-low|-");
            assertThat(received.get(0)).containsKeys("annotations", "startsAt").doesNotContainKey("endsAt");

            alertmanager.stop(0);
            produce(topics, snapshot("basket", "1", 0, 0.5).build());
            List<Alert> alerts = kafka.awaitRecords(topics.name(TopicCatalogue.ALERTS), new StringDeserializer(),
                    topics.valueSerde(TopicCatalogue.ALERTS).deserializer(), 2).stream().map(r -> r.value()).toList();
            // Two partitions: no order between the two alerts.
            assertThat(alerts).extracting(Alert::getModelId).containsExactlyInAnyOrder("churn", "basket");
            await("the failed delivery to be counted").atMost(Duration.ofSeconds(30)).until(() ->
                    count(meters, "driftwatch.alerting.sink.failures") == 1);
            assertThat(count(meters, "driftwatch.alerting.sink.deliveries")).isEqualTo(1);
        } finally {
            alertmanager.stop(0);
        }
    }

    @Test
    void deliveryShouldWaitOutAnAlertItCannotReadAndDeliverItOnceItCan() throws Exception {
        List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
        HttpServer alertmanager = alertmanager(received);
        Map<String, Object> section = Map.of("sinks", Map.of("alertmanager",
                Map.of("url", "http://127.0.0.1:" + alertmanager.getAddress().getPort())));
        DriftwatchConfig config = kafka.config(Map.of(), Map.of("alerting", section));
        kafka.createTopics(config);
        TopicCatalogue topics = kafka.catalogue(config);
        Deserializer<Alert> real = topics.valueSerde(TopicCatalogue.ALERTS).deserializer();
        AtomicInteger outage = new AtomicInteger(3); // the registry away for the first three reads
        Deserializer<Alert> registryAway = new Deserializer<>() {
            @Override
            public Alert deserialize(String topic, byte[] data) {
                if (outage.getAndDecrement() > 0) {
                    throw new RegistryUnavailableException("schema registry unavailable (test)", null);
                }
                return real.deserialize(topic, data);
            }

            @Override
            public Alert deserialize(String topic, Headers headers, byte[] data) {
                return deserialize(topic, data);
            }
        };
        kafka.produce(topics.name(TopicCatalogue.ALERTS), new StringSerializer(),
                topics.valueSerde(TopicCatalogue.ALERTS).serializer(), Map.of("churn|1|concept", Alert.newBuilder()
                        .setDedupeKey("churn|1|concept").setModelId("churn").setModelVersion("1").setRuleId("concept")
                        .setSeverity(Severity.CRITICAL).setState(AlertState.FIRING).setStartsAt(Instant.now())
                        .setSentAt(Instant.now()).setNotification(1).setSummary("churn v1: concept drift")
                        .setEvidence(List.of()).setSilenced(false).build()));

        try (AlertSinks sinks = new AlertSinks(AlertingSettings.from(config).sinks(), config.kafka(), "sinks-outage",
                topics.name(TopicCatalogue.ALERTS), registryAway, new SimpleMeterRegistry()).start()) {
            await("delivery retrying").atMost(Duration.ofSeconds(30)).until(() -> "retrying".equals(sinks.problem()));
            await("the alert delivered after the outage").atMost(Duration.ofSeconds(60)).until(() -> received.size() == 1);
            await("delivery reading again").atMost(Duration.ofSeconds(30)).until(() -> sinks.problem() == null);
            assertThat(received.get(0).get("labels")).asString().contains("dedupe_key=churn|1|concept");
        } finally {
            alertmanager.stop(0);
        }
    }

    /** A stand-in Alertmanager that keeps every alert posted to it. */
    private static HttpServer alertmanager(List<Map<String, Object>> received) throws IOException {
        HttpServer alertmanager = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        alertmanager.createContext("/api/v2/alerts", exchange -> {
            List<Map<String, Object>> body = new ObjectMapper().readValue(exchange.getRequestBody().readAllBytes(), List.class);
            received.addAll(body);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        alertmanager.start();
        return alertmanager;
    }

    private static void produce(TopicCatalogue topics, MetricSnapshot snapshot) {
        Map<String, MetricSnapshot> records = new LinkedHashMap<>();
        records.put(snapshot.getModelId() + "/" + snapshot.getModelVersion() + "/*/" + snapshot.getWindowStart(), snapshot);
        kafka.produce(topics.name(TopicCatalogue.METRICS), new StringSerializer(),
                topics.valueSerde(TopicCatalogue.METRICS).serializer(), records);
    }

    private static double count(MeterRegistry meters, String name) {
        return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }
}
