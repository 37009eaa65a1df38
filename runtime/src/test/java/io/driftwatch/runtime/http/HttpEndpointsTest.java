package io.driftwatch.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.runtime.streams.Health;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class HttpEndpointsTest {

    @Test
    void shouldServePrometheusMetricsHealthAndReadinessWithStatusCodes() throws Exception {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        meters.counter("driftwatch.dead.letters", "reason", "too-short").increment(3);
        AtomicReference<Health> health = new AtomicReference<>(
                new Health(Health.Status.UP, Map.of("ingest", KafkaStreams.State.RUNNING)));

        try (HttpEndpoints http = new HttpEndpoints("127.0.0.1", 0, meters, health::get)) {
            HttpResponse<String> metrics = get(http, "/metrics");
            HttpResponse<String> up = get(http, "/health");
            HttpResponse<String> ready = get(http, "/ready");
            health.set(new Health(Health.Status.DEGRADED, Map.of("ingest", KafkaStreams.State.REBALANCING)));
            HttpResponse<String> degraded = get(http, "/health");
            HttpResponse<String> notReady = get(http, "/ready");
            health.set(new Health(Health.Status.DEGRADED, Map.of("ingest", KafkaStreams.State.RUNNING), false));
            HttpResponse<String> unreachable = get(http, "/health");
            health.set(new Health(Health.Status.DOWN, Map.of("ingest", KafkaStreams.State.ERROR)));
            HttpResponse<String> down = get(http, "/health");

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("driftwatch_dead_letters_total{reason=\"too-short\"} 3.0");
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.body()).isEqualTo("{\"status\":\"UP\",\"processors\":{\"ingest\":\"RUNNING\"},\"kafka\":\"reachable\"}");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("{\"ready\":true,\"status\":\"UP\"}");
            // Degraded (e.g. rebalancing) is alive but not ready: keep the process, send no traffic.
            assertThat(degraded.statusCode()).isEqualTo(200);
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).isEqualTo("{\"ready\":false,\"status\":\"DEGRADED\"}");
            assertThat(unreachable.statusCode()).isEqualTo(200);
            assertThat(unreachable.body()).isEqualTo(
                    "{\"status\":\"DEGRADED\",\"processors\":{\"ingest\":\"RUNNING\"},\"kafka\":\"unreachable\"}");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"DOWN\"");
        }
    }

    private static HttpResponse<String> get(HttpEndpoints http, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + http.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
