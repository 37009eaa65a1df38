package io.driftwatch.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.streams.Health;
import io.driftwatch.schemas.tls.SelfSignedCertificate;
import io.driftwatch.schemas.tls.TlsContexts;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP endpoints closed by a bearer token, served over TLS, and silent about failures' details. */
class HttpSecurityTest {

    private static final String TOKEN = "a-long-enough-token-0123456789";

    @TempDir
    Path dir;

    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Health health = new Health(Health.Status.UP, Map.of("ingest", KafkaStreams.State.RUNNING));

    private HttpEndpoints start(Optional<SelfSignedCertificate> tls, Set<String> open) {
        var settings = new DriftwatchConfig.Http("127.0.0.1", 0, Optional.of(TOKEN),
                tls.map(SelfSignedCertificate::keyStoreConfig), open, false);
        HttpEndpoints http = new HttpEndpoints(settings, meters, () -> health);
        http.route("/api/models", exchange -> HttpEndpoints.respond(exchange, 200, "application/json", "[]"));
        http.route("/api/alerts", exchange -> {
            throw new IllegalStateException("record p-4711 with email jane@example.com broke");
        });
        return http;
    }

    @Test
    void closedEndpointsShouldNeedTheBearerTokenAndOpenOnesNot() throws Exception {
        try (HttpEndpoints http = start(Optional.empty(), DriftwatchConfig.Http.DEFAULT_OPEN)) {
            HttpClient client = HttpClient.newHttpClient();
            for (String closed : new String[] {"/metrics", "/api/models"}) {
                HttpResponse<String> without = send(client, http, closed, null);
                assertThat(without.statusCode()).as(closed).isEqualTo(401);
                assertThat(without.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"driftwatch\"");
                assertThat(without.body()).contains("bearer token").doesNotContain(TOKEN);
                assertThat(send(client, http, closed, "Bearer wrong-token-of-some-length").statusCode()).isEqualTo(401);
                assertThat(send(client, http, closed, "Bearer " + TOKEN).statusCode()).as(closed).isEqualTo(200);
            }
            assertThat(send(client, http, "/health", null).statusCode()).isEqualTo(200);
            assertThat(send(client, http, "/ready", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void metricsCanBeLeftOpenOnTheirOwn() throws Exception {
        try (HttpEndpoints http = start(Optional.empty(), Set.of("metrics"))) {
            HttpClient client = HttpClient.newHttpClient();
            assertThat(send(client, http, "/metrics", null).statusCode()).isEqualTo(200);
            assertThat(send(client, http, "/health", null).statusCode()).isEqualTo(401);
            assertThat(send(client, http, "/api/models", null).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void shouldServeHttpsWithTheConfiguredCertificateOnly() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate(dir, "driftwatch-http");
        try (HttpEndpoints http = start(Optional.of(certificate), DriftwatchConfig.Http.DEFAULT_OPEN)) {
            assertThat(http.scheme()).isEqualTo("https");
            HttpClient trusting = HttpClient.newBuilder()
                    .sslContext(TlsContexts.context(Optional.of(certificate.trustStoreConfig()), Optional.empty(), "test"))
                    .build();
            HttpResponse<String> answer = trusting.send(http.peerRequest("localhost:" + http.port(), "/api/models").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("[]");
            // A client that does not trust the certificate, and plain HTTP, get nowhere.
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + http.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + http.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aFailingHandlerShouldAnswerWithoutStackTraceOrRecordContents() throws Exception {
        try (HttpEndpoints http = start(Optional.empty(), DriftwatchConfig.Http.DEFAULT_OPEN)) {
            HttpResponse<String> failed = send(HttpClient.newHttpClient(), http, "/api/alerts", "Bearer " + TOKEN);
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.body()).isEqualTo("{\"error\":\"internal error\"}");
        }
    }

    private static HttpResponse<String> send(HttpClient client, HttpEndpoints http, String path, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
