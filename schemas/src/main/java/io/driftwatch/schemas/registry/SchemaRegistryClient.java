package io.driftwatch.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.schemas.tls.TlsContexts;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client for the Confluent Schema Registry REST API.
 *
 * <p>Schema ids are immutable, so id → schema is cached forever; subject + schema → id is
 * cached per subject. Transient failures (5xx, timeouts, refused connections) are retried with
 * bounded exponential backoff and end in {@link RegistryUnavailableException}; 4xx answers are
 * never retried and raise {@link RegistryRequestException} with Confluent's error code.
 */
public class SchemaRegistryClient {

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A schema as registered under a subject. */
    public record RegisteredSchema(String subject, int version, int id, Schema schema) {
    }

    private final RegistryClientConfig config;
    private final HttpClient http;
    private final Optional<String> authorization;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

    public SchemaRegistryClient(RegistryClientConfig config) {
        this.config = config;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.requestTimeout());
        if (config.trustStore().isPresent() || config.keyStore().isPresent()) {
            builder.sslContext(TlsContexts.context(config.trustStore(), config.keyStore(), "schema.registry.ssl"));
        }
        this.http = builder.build();
        this.authorization = config.basicAuthUserInfo().map(userInfo ->
                "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }

    public RegistryClientConfig config() {
        return config;
    }

    /** Registers the schema under the subject (idempotent) and returns its global id. */
    public int register(String subject, Schema schema) {
        return cachedId(subject, schema, "/subjects/" + encode(subject) + "/versions");
    }

    /** Looks up the id of a schema already registered under the subject; never registers. */
    public int lookUpId(String subject, Schema schema) {
        return cachedId(subject, schema, "/subjects/" + encode(subject));
    }

    private int cachedId(String subject, Schema schema, String path) {
        Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        int id = send("POST", path, schemaBody(schema)).get("id").asInt();
        ids.put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /** The writer schema with this global id. */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null);
        Schema schema = parse(answer.get("schema").asText(), "schema id " + id);
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous == null ? schema : previous;
    }

    /** The newest version registered under the subject. */
    public RegisteredSchema latestVersion(String subject) {
        JsonNode answer = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        int id = answer.get("id").asInt();
        Schema schema = schemasById.computeIfAbsent(id, i -> parse(answer.get("schema").asText(), subject));
        return new RegisteredSchema(subject, answer.get("version").asInt(), id, schema);
    }

    /** Whether the registry would accept the schema as the subject's next version. */
    public boolean isCompatible(String subject, Schema schema) {
        JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                schemaBody(schema));
        return answer.get("is_compatible").asBoolean();
    }

    /**
     * Asks the registry for its subjects, the cheapest call every principal may make: returns when
     * it answers, throws {@link RegistryUnavailableException} when it does not.
     */
    public void ping() {
        send("GET", "/subjects", null);
    }

    /** The global compatibility level. */
    public CompatibilityLevel globalCompatibility() {
        return CompatibilityLevel.parse(send("GET", "/config", null).get("compatibilityLevel").asText());
    }

    /** The compatibility level in force for the subject (its own, else the global one). */
    public CompatibilityLevel compatibility(String subject) {
        JsonNode answer = send("GET", "/config/" + encode(subject) + "?defaultToGlobal=true", null);
        return CompatibilityLevel.parse(answer.get("compatibilityLevel").asText());
    }

    public void setGlobalCompatibility(CompatibilityLevel level) {
        send("PUT", "/config", JSON.createObjectNode().put("compatibility", level.name()));
    }

    public void setCompatibility(String subject, CompatibilityLevel level) {
        send("PUT", "/config/" + encode(subject), JSON.createObjectNode().put("compatibility", level.name()));
    }

    private static ObjectNode schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString());
    }

    private static Schema parse(String text, String what) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new RegistryRequestException(200, RegistryErrorCodes.INVALID_SCHEMA,
                    "registry returned an unparseable schema for " + what + ": " + e.getMessage());
        }
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String path, JsonNode body) {
        Duration backoff = config.retryBackoff();
        Exception lastFailure = null;
        URI lastUrl = null;
        for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
            if (attempt > 0) {
                sleep(backoff);
                backoff = min(backoff.multipliedBy(2), config.maxRetryBackoff());
            }
            lastUrl = config.urls().get(attempt % config.urls().size());
            HttpResponse<String> response;
            try {
                response = http.send(request(lastUrl, method, path, body), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                lastFailure = e;
                log.debug("schema registry {} {} failed (attempt {}): {}", method, lastUrl, attempt + 1, e.toString());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("interrupted while calling the schema registry at " + lastUrl, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return readJson(response.body(), status);
            }
            if (status >= 500) {
                lastFailure = new IOException("HTTP " + status + ": " + errorMessage(response.body()));
                continue;
            }
            throw requestError(status, response.body(), method, path);
        }
        throw new RegistryUnavailableException("schema registry unavailable after " + (config.maxRetries() + 1)
                + " attempts (" + method + " " + lastUrl + path + "): " + lastFailure, lastFailure);
    }

    private HttpRequest request(URI base, String method, String path, JsonNode body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(config.requestTimeout())
                .header("Accept", RegistryErrorCodes.MEDIA_TYPE + ", application/json");
        authorization.ifPresent(value -> builder.header("Authorization", value));
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", RegistryErrorCodes.MEDIA_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        return builder.build();
    }

    private static JsonNode readJson(String body, int status) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new RegistryRequestException(status, 0, "schema registry answered with invalid JSON");
        }
    }

    private static RegistryRequestException requestError(int status, String body, String method, String path) {
        int errorCode = status;
        String message = errorMessage(body);
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.has("error_code")) {
                errorCode = node.get("error_code").asInt();
            }
        } catch (IOException ignored) {
            // Not JSON (a proxy's page, say): keep the HTTP status as the code.
        }
        if (status == 401 || status == 403) {
            message = "schema registry refused the credentials: " + message;
        }
        return new RegistryRequestException(status, errorCode, method + " " + path + ": " + message);
    }

    private static String errorMessage(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.has("message")) {
                return node.get("message").asText();
            }
        } catch (IOException ignored) {
            // fall through to a bounded excerpt of the raw body
        }
        return body == null ? "" : body.substring(0, Math.min(body.length(), 200));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted while backing off", e);
        }
    }
}
