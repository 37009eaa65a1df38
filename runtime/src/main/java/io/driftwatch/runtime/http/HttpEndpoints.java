package io.driftwatch.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import io.driftwatch.schemas.http.JdkHttpServerLimits;
import io.driftwatch.schemas.tls.TlsContexts;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.streams.Health;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of a Driftwatch process: {@code /metrics} (Prometheus text format) and
 * {@code /health} (200 when UP or DEGRADED, 503 when DOWN). More routes (the API and the
 * dashboard) are added with {@link #route}. Binds loopback unless configured otherwise; serves
 * HTTPS with a configured key store, and with a configured token requires it (as a bearer token)
 * on every endpoint that is not explicitly open.
 *
 * <p>Built so that an orchestrator can trust its probes (docs/api.md): the JDK server's
 * {@link JdkHttpServerLimits}, {@value #WORKERS} workers so that slow clients cannot hold them all,
 * at most {@value #API_CONCURRENCY} API and dashboard requests at once (the rest get 503 at once)
 * so that {@code /health}, {@code /ready} and {@code /metrics} never wait behind them, GET only
 * (405 with {@code Allow}), no request body (413), URIs up to {@value #MAX_URI_LENGTH} characters
 * (414), and 400 for a bad parameter ({@link BadRequest}).
 */
public final class HttpEndpoints implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpEndpoints.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final int WORKERS = 100;
    static final int API_CONCURRENCY = 8;
    static final int MAX_URI_LENGTH = 2_048;
    private static final Set<String> PROBES = Set.of("/health", "/ready", "/metrics");

    private final DriftwatchConfig.Http settings;
    private final Optional<byte[]> expectedAuthorization;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final Semaphore apiRequests = new Semaphore(API_CONCURRENCY);
    private final Set<String> routes = new ConcurrentSkipListSet<>();

    /** A request parameter that is not what the route accepts: answered 400 with the message. */
    public static final class BadRequest extends RuntimeException {
        public BadRequest(String message) {
            super(message);
        }
    }

    public HttpEndpoints(DriftwatchConfig.Http settings, PrometheusMeterRegistry meters, Supplier<Health> health) {
        this.settings = settings;
        this.expectedAuthorization = settings.token().map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
        InetSocketAddress address = new InetSocketAddress(settings.bind(), settings.port());
        JdkHttpServerLimits.apply();
        try {
            if (settings.tls().isPresent()) {
                HttpsServer https = HttpsServer.create(address, 0);
                https.setHttpsConfigurator(TlsContexts.https(settings.tls().get(), Optional.empty(), "http.tls.keystore"));
                server = https;
            } else {
                server = HttpServer.create(address, 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind HTTP endpoints to " + settings.bind() + ":" + settings.port(), e);
        }
        executor = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "driftwatch-http");
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
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
            json.append("},\"kafka\":\"").append(h.kafkaReachable() ? "reachable" : "unreachable").append('"');
            if (!h.degraded().isEmpty()) {
                json.append(",\"degraded\":").append(JSON.writeValueAsString(new TreeMap<>(h.degraded())));
            }
            json.append('}');
            respond(exchange, h.status() == Health.Status.DOWN ? 503 : 200, "application/json", json.toString());
        });
        // Ready: every processor RUNNING (a load balancer's check); /health stays 200 while degraded.
        route("/ready", exchange -> {
            Health.Status status = health.get().status();
            respond(exchange, status == Health.Status.UP ? 200 : 503, "application/json",
                    "{\"ready\":" + (status == Health.Status.UP) + ",\"status\":\"" + status + "\"}");
        });
        server.start();
        log.info("HTTP endpoints on {}://{}:{}/ (metrics, health, ready); bearer token {}", scheme(), settings.bind(),
                port(), settings.token().isEmpty() ? "not required" : "required except for " + new TreeSet<>(settings.open()));
        if (!settings.loopback() && (settings.tls().isEmpty() || settings.token().isEmpty())) {
            String missing = settings.tls().isEmpty() && settings.token().isEmpty() ? "TLS and a token"
                    : settings.tls().isEmpty() ? "TLS" : "a token";
            log.warn("HTTP endpoints on the non-loopback address {} without {}: anyone who reaches it can read them "
                    + "(http.insecure)", settings.bind(), missing);
        }
    }

    /** Plain HTTP on an address without a token, e.g. loopback in tests. */
    public HttpEndpoints(String bind, int port, PrometheusMeterRegistry meters, Supplier<Health> health) {
        this(DriftwatchConfig.Http.plain(bind, port), meters, health);
    }

    /**
     * Adds a route; the handler must not expose stack traces or record contents. Unless its
     * endpoint is open, a configured token is required first.
     */
    public void route(String path, HttpHandler handler) {
        boolean closed = expectedAuthorization.isPresent() && !settings.open().contains(endpoint(path));
        boolean probe = PROBES.contains(path);
        routes.add(path);
        server.createContext(path, exchange -> {
            // The catch sits inside: try-with-resources would close the exchange before answering the 500.
            try (exchange) {
                try {
                    if (refused(exchange)) {
                        return;
                    }
                    if (closed && !authorized(exchange)) {
                        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"driftwatch\"");
                        respondError(exchange, 401, "this endpoint needs the bearer token (Authorization: Bearer …)");
                        return;
                    }
                    if (probe) {
                        handler.handle(exchange);
                    } else if (apiRequests.tryAcquire()) {
                        try {
                            handler.handle(exchange);
                        } finally {
                            apiRequests.release();
                        }
                    } else {
                        exchange.getResponseHeaders().set("Retry-After", "1");
                        respondError(exchange, 503, "busy: " + API_CONCURRENCY + " API requests are being answered; retry");
                    }
                } catch (BadRequest e) {
                    respondError(exchange, 400, e.getMessage());
                } catch (RuntimeException e) {
                    // The exception's class only: its message may hold what the handler was working on.
                    log.error("HTTP {} {} failed: {}", exchange.getRequestMethod(), path, e.getClass().getName());
                    respondError(exchange, 500, "internal error");
                }
            }
        });
    }

    /** Answers a request no route serves (method, body, URI length) and says so. */
    private static boolean refused(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            respondError(exchange, 405, "only GET is served here");
            return true;
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if ((length != null && !length.trim().equals("0")) || exchange.getRequestHeaders().containsKey("Transfer-Encoding")) {
            respondError(exchange, 413, "a GET request here takes no body");
            return true;
        }
        if (exchange.getRequestURI().toString().length() > MAX_URI_LENGTH) {
            respondError(exchange, 414, "the URI is longer than " + MAX_URI_LENGTH + " characters");
            return true;
        }
        return false;
    }

    /**
     * A whole-number query parameter within [min, max], or its default when absent.
     *
     * @throws BadRequest naming the parameter and its range
     */
    public static int intParameter(Map<String, String> query, String name, int defaultValue, int min, int max) {
        String value = query.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest(name + " must be a whole number from " + min + " to " + max);
    }

    /**
     * A query parameter that takes one of a few values, or its default when absent.
     *
     * @throws BadRequest naming the parameter and its values
     */
    public static String choiceParameter(Map<String, String> query, String name, String defaultValue, Set<String> choices) {
        String value = query.getOrDefault(name, defaultValue);
        if (!choices.contains(value)) {
            throw new BadRequest(name + " must be one of " + new TreeSet<>(choices));
        }
        return value;
    }

    /** The paths routes were added at; each serves its path and everything under it. */
    public Set<String> routes() {
        return Set.copyOf(routes);
    }

    /** The endpoint a route belongs to, by the names of {@link DriftwatchConfig.Http#ENDPOINTS}. */
    static String endpoint(String path) {
        if (path.equals("/") || path.startsWith("/dashboard")) {
            return "dashboard";
        }
        return path.startsWith("/api/") ? "api" : path.substring(1);
    }

    private boolean authorized(HttpExchange exchange) {
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        return given != null && MessageDigest.isEqual(expectedAuthorization.get(), given.getBytes(StandardCharsets.UTF_8));
    }

    /** "https" with TLS, else "http". */
    public String scheme() {
        return settings.tls().isPresent() ? "https" : "http";
    }

    /**
     * A request to the same path on another instance (e.g. for its part of a store), with this
     * instance's scheme and token; the peer's certificate must be trusted by the JVM's trust store.
     */
    public HttpRequest.Builder peerRequest(String hostAndPort, String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(scheme() + "://" + hostAndPort + pathAndQuery));
        settings.token().ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return request;
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
