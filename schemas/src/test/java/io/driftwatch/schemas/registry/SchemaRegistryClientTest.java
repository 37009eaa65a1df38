package io.driftwatch.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpServer;
import io.driftwatch.events.PredictionEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retry policy, against a scripted HTTP server that fails on purpose. */
class SchemaRegistryClientTest {

    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Answers the first {@code failures} requests with {@code failureStatus}, then a valid schema. */
    private SchemaRegistryClient clientAgainst(int failures, int failureStatus) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            boolean fail = requests.incrementAndGet() <= failures;
            String body = fail
                    ? "{\"error_code\":" + (failureStatus == 404 ? 40403 : 50001) + ",\"message\":\"scripted\"}"
                    : "{\"schema\":" + TextNode.valueOf(
                            PredictionEvent.getClassSchema().toString()) + "}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? failureStatus : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return new SchemaRegistryClient(RegistryClientConfig.fromMap(Map.of(
                RegistryClientConfig.URL, "http://127.0.0.1:" + server.getAddress().getPort(),
                RegistryClientConfig.MAX_RETRIES, 3,
                RegistryClientConfig.RETRY_BACKOFF_MS, 5)));
    }

    @Test
    void shouldRetryServerErrorsAndSucceed() throws IOException {
        SchemaRegistryClient client = clientAgainst(2, 503);

        assertThat(client.schemaById(1)).isEqualTo(PredictionEvent.getClassSchema());
        assertThat(requests).hasValue(3);
    }

    @Test
    void shouldGiveUpAfterBoundedRetriesWithTransientError() throws IOException {
        SchemaRegistryClient client = clientAgainst(100, 500);

        assertThatThrownBy(() -> client.schemaById(1)).isInstanceOf(RegistryUnavailableException.class);
        assertThat(requests).hasValue(4);
    }

    @Test
    void shouldNeverRetryClientErrors() throws IOException {
        SchemaRegistryClient client = clientAgainst(100, 404);

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOfSatisfying(RegistryRequestException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(RegistryErrorCodes.SCHEMA_NOT_FOUND));
        assertThat(requests).hasValue(1);
    }

    @Test
    void shouldCacheSchemasByIdForever() throws IOException {
        SchemaRegistryClient client = clientAgainst(0, 200);

        client.schemaById(1);
        client.schemaById(1);

        assertThat(requests).hasValue(1);
    }

    @Test
    void shouldNameTheBadKeyInConfigErrors() {
        assertThatThrownBy(() -> RegistryClientConfig.fromMap(Map.of(RegistryClientConfig.URL, "ftp://x")))
                .hasMessageContaining(RegistryClientConfig.URL).hasMessageContaining("ftp://x");
        assertThatThrownBy(() -> RegistryClientConfig.fromMap(Map.of(RegistryClientConfig.URL, "http://x",
                RegistryClientConfig.MAX_RETRIES, "many")))
                .hasMessageContaining(RegistryClientConfig.MAX_RETRIES);
    }
}
