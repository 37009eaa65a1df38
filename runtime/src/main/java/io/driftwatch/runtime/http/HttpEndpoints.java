package io.driftwatch.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.driftwatch.runtime.streams.Health;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of a Driftwatch process: {@code /metrics} (Prometheus text format) and
 * {@code /health} (200 when UP or DEGRADED, 503 when DOWN). More routes (the API and the
 * dashboard) are added with {@link #route}. Binds loopback unless configured otherwise.
 */
public final class HttpEndpoints implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpEndpoints.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    public HttpEndpoints(String bind, int port, PrometheusMeterRegistry meters, Supplier<Health> health) {
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind HTTP endpoints to " + bind + ":" + port, e);
        }
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "driftwatch-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        route("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", meters.scrape()));
        route("/health", exchange -> {
            Health h = health.get();
            StringBuilder json = new StringBuilder("{\"status\":\"").append(h.status()).append("\",\"processors\":{");
            String separator = "";
            for (var e : h.processors().entrySet()) {
                json.append(separator).append('"').append(e.getKey()).append("\":\"").append(e.getValue()).append('"');
                separator = ",";
            }
            json.append("}}");
            respond(exchange, h.status() == Health.Status.DOWN ? 503 : 200, "application/json", json.toString());
        });
        // Ready: every processor RUNNING (a load balancer's check); /health stays 200 while degraded.
        route("/ready", exchange -> {
            Health.Status status = health.get().status();
            respond(exchange, status == Health.Status.UP ? 200 : 503, "application/json",
                    "{\"ready\":" + (status == Health.Status.UP) + ",\"status\":\"" + status + "\"}");
        });
        server.start();
        log.info("HTTP endpoints on http://{}:{}/ (metrics, health, ready)", bind, port());
    }

    /** Adds a route; the handler must not expose stack traces or record contents. */
    public void route(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            try (exchange) {
                handler.handle(exchange);
            } catch (RuntimeException e) {
                log.error("HTTP {} {} failed", exchange.getRequestMethod(), path, e);
                respondError(exchange, 500, "internal error");
            }
        });
    }

    /** A JSON answer. */
    public static void respondJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        respond(exchange, status, "application/json", JSON.writeValueAsString(body));
    }

    /** An error answer, {@code {"error": message}}: the message names the problem, never a stack trace or a record. */
    public static void respondError(HttpExchange exchange, int status, String message) throws IOException {
        respondJson(exchange, status, JSON.createObjectNode().put("error", message));
    }

    /** The decoded query parameters of a request (the last value of a repeated name). */
    public static Map<String, String> queryParameters(URI uri) {
        Map<String, String> params = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
