package io.driftwatch.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.runtime.streams.Health;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
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

    @Test
    void shouldAnswerHealthWithinASecondWhileFiftySlowClientsHoldConnectionsAndTheApiIsBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Socket> slow = new ArrayList<>();
        try (HttpEndpoints http = new HttpEndpoints("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> new Health(Health.Status.UP, Map.of("ingest", KafkaStreams.State.RUNNING)))) {
            http.route("/api/slow", exchange -> {
                awaitQuietly(release);
                HttpEndpoints.respond(exchange, 200, "text/plain", "done");
            });
            // 50 clients that send half a request and hold the connection.
            for (int i = 0; i < 50; i++) {
                Socket socket = new Socket("127.0.0.1", http.port());
                socket.getOutputStream().write("GET /api/slow HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            // Every API worker busy with a request that does not end.
            HttpClient client = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> busy = new ArrayList<>();
            for (int i = 0; i < HttpEndpoints.API_CONCURRENCY; i++) {
                busy.add(client.sendAsync(request(http, "/api/slow").build(), HttpResponse.BodyHandlers.ofString()));
            }
            // A probe that still finds a slot free takes it and times out (the slot stays taken): probe again.
            Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                    client.send(request(http, "/api/slow").timeout(Duration.ofSeconds(1)).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 503);

            long start = System.nanoTime();
            HttpResponse<String> health = client.send(request(http, "/health").timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> ready = client.send(request(http, "/ready").timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> busyAnswer = client.send(request(http, "/api/slow").build(), HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(busyAnswer.statusCode()).isEqualTo(503);
            assertThat(busyAnswer.headers().firstValue("Retry-After")).contains("1");
            release.countDown();
            for (CompletableFuture<HttpResponse<String>> answer : busy) {
                assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        } finally {
            release.countDown();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void shouldRefuseOtherMethodsBodiesLongUrisAndBadParametersOnEveryRoute() throws Exception {
        try (HttpEndpoints http = new HttpEndpoints("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> new Health(Health.Status.UP, Map.of()))) {
            http.route("/api/items", exchange -> {
                Map<String, String> query = HttpEndpoints.queryParameters(exchange.getRequestURI());
                int limit = HttpEndpoints.intParameter(query, "limit", 10, 0, 100);
                String order = HttpEndpoints.choiceParameter(query, "order", "newest", Set.of("newest", "oldest"));
                HttpEndpoints.respond(exchange, 200, "text/plain", limit + " " + order);
            });
            for (String path : List.of("/health", "/ready", "/metrics", "/api/items")) {
                for (String method : List.of("POST", "PUT", "DELETE", "TRACE", "OPTIONS", "PATCH", "HEAD")) {
                    String answer = raw(http, method + " " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
                    assertThat(answer).as(method + " " + path).startsWith("HTTP/1.1 405").containsIgnoringCase("Allow: GET");
                }
                assertThat(raw(http, "GET " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"))
                        .as("body on " + path).startsWith("HTTP/1.1 413");
                assertThat(raw(http, "GET " + path + "?q=" + "x".repeat(3_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
                        .as("long URI on " + path).startsWith("HTTP/1.1 414");
            }
            for (String query : List.of("limit=-1", "limit=abc", "limit=101", "limit=", "order=sideways")) {
                HttpResponse<String> bad = HttpClient.newHttpClient().send(request(http, "/api/items?" + query).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(bad.statusCode()).as(query).isEqualTo(400);
                assertThat(bad.body()).as(query).contains(query.startsWith("limit") ? "limit must be a whole number from 0 to 100"
                        : "order must be one of [newest, oldest]");
            }
            assertThat(get(http, "/api/items?limit=5&order=oldest").body()).isEqualTo("5 oldest");
        }
    }

    /** Sends one raw request and returns the status line and headers of the answer. */
    private static String raw(HttpEndpoints http, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", http.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.append(line).append('\n');
            }
            return head.toString();
        }
    }

    private static HttpRequest.Builder request(HttpEndpoints http, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpResponse<String> get(HttpEndpoints http, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + http.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
