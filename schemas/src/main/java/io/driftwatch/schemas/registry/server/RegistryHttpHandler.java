package io.driftwatch.schemas.registry.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.driftwatch.schemas.registry.CompatibilityLevel;
import io.driftwatch.schemas.registry.RegistryErrorCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes the Confluent Schema Registry REST subset onto the {@link SchemaRepository}. */
final class RegistryHttpHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(RegistryHttpHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final SchemaRepository repository;
    private final Optional<byte[]> expectedAuthorization;

    RegistryHttpHandler(SchemaRepository repository, Optional<String> basicAuthUserInfo) {
        this.repository = repository;
        this.expectedAuthorization = basicAuthUserInfo.map(userInfo -> ("Basic " + Base64.getEncoder()
                .encodeToString(userInfo.getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                authorize(exchange);
                respond(exchange, 200, route(exchange));
            } catch (RegistryError e) {
                respond(exchange, e.httpStatus(), error(e.errorCode(), e.getMessage()));
            } catch (RuntimeException e) {
                // Never leak a stack trace or request content to the caller.
                log.error("schema registry request {} {} failed", exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(), e);
                respond(exchange, 500, error(RegistryErrorCodes.STORE_ERROR, "Internal error: " + e.getClass().getSimpleName()));
            }
        }
    }

    private void authorize(HttpExchange exchange) {
        if (expectedAuthorization.isEmpty()) {
            return;
        }
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        if (given == null || !MessageDigest.isEqual(expectedAuthorization.get(), given.getBytes(StandardCharsets.UTF_8))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"schema-registry\"");
            throw new RegistryError(401, 401, "Unauthorized");
        }
    }

    private JsonNode route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        List<String> path = segments(exchange.getRequestURI().getRawPath());
        String query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
        int n = path.size();

        if (n == 1 && path.get(0).equals("subjects") && method.equals("GET")) {
            return JSON.valueToTree(repository.subjects());
        }
        if (n == 3 && path.get(0).equals("schemas") && path.get(1).equals("ids") && method.equals("GET")) {
            return JSON.createObjectNode().put("schema", repository.schemaById(parseId(path.get(2))));
        }
        if (n == 2 && path.get(0).equals("subjects") && method.equals("POST")) {
            return version(repository.lookUp(path.get(1), schemaOf(exchange)));
        }
        if (n == 3 && path.get(0).equals("subjects") && path.get(2).equals("versions")) {
            if (method.equals("POST")) {
                return JSON.createObjectNode().put("id", repository.register(path.get(1), schemaOf(exchange)));
            }
            if (method.equals("GET")) {
                return JSON.valueToTree(repository.versionNumbers(path.get(1)));
            }
        }
        if (n == 4 && path.get(0).equals("subjects") && path.get(2).equals("versions") && method.equals("GET")) {
            return version(repository.version(path.get(1), path.get(3)));
        }
        if (n == 5 && path.get(0).equals("subjects") && path.get(2).equals("versions") && path.get(4).equals("schema")
                && method.equals("GET")) {
            return JSON.readTree(repository.version(path.get(1), path.get(3)).schema());
        }
        if (n == 5 && path.get(0).equals("compatibility") && path.get(1).equals("subjects")
                && path.get(3).equals("versions") && method.equals("POST")) {
            boolean compatible = repository.isCompatible(path.get(2), path.get(4), schemaOf(exchange));
            return JSON.createObjectNode().put("is_compatible", compatible);
        }
        if (n == 1 && path.get(0).equals("config")) {
            if (method.equals("GET")) {
                return JSON.createObjectNode().put("compatibilityLevel", repository.globalLevel().name());
            }
            if (method.equals("PUT")) {
                CompatibilityLevel level = levelOf(exchange);
                repository.setLevel(null, level);
                return JSON.createObjectNode().put("compatibility", level.name());
            }
        }
        if (n == 2 && path.get(0).equals("config")) {
            String subject = path.get(1);
            if (method.equals("GET")) {
                Optional<CompatibilityLevel> level = repository.subjectLevel(subject);
                if (level.isEmpty() && query.contains("defaultToGlobal=true")) {
                    level = Optional.of(repository.globalLevel());
                }
                return JSON.createObjectNode().put("compatibilityLevel", level.orElseThrow(() -> RegistryError.of(
                        RegistryErrorCodes.SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED,
                        "Subject '" + subject + "' does not have subject-level compatibility configured")).name());
            }
            if (method.equals("PUT")) {
                CompatibilityLevel level = levelOf(exchange);
                repository.setLevel(subject, level);
                return JSON.createObjectNode().put("compatibility", level.name());
            }
        }
        if (n == 0 && method.equals("GET")) {
            return JSON.createObjectNode();
        }
        throw new RegistryError(404, 404, "HTTP 404 Not Found");
    }

    private static ObjectNode version(SchemaRepository.Version v) {
        return JSON.createObjectNode().put("subject", v.subject()).put("version", v.version())
                .put("id", v.id()).put("schema", v.schema());
    }

    private static String schemaOf(HttpExchange exchange) throws IOException {
        JsonNode body = body(exchange);
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw RegistryError.of(RegistryErrorCodes.INVALID_SCHEMA, "Invalid schema: only AVRO is supported, got " + type);
        }
        if (body.has("references") && body.get("references").size() > 0) {
            throw RegistryError.of(RegistryErrorCodes.INVALID_SCHEMA, "Invalid schema: schema references are not supported");
        }
        return body.path("schema").asText(null);
    }

    private static CompatibilityLevel levelOf(HttpExchange exchange) throws IOException {
        String name = body(exchange).path("compatibility").asText("");
        try {
            return CompatibilityLevel.parse(name);
        } catch (IllegalArgumentException e) {
            throw RegistryError.of(RegistryErrorCodes.INVALID_COMPATIBILITY_LEVEL,
                    "Invalid compatibility level. Valid values are none, backward, forward, full, "
                            + "backward_transitive, forward_transitive, and full_transitive");
        }
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new RegistryError(413, 413, "Request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new RegistryError(400, 400, "Request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RegistryError(400, 400, "Request body is not valid JSON");
        }
    }

    private static int parseId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw RegistryError.of(RegistryErrorCodes.SCHEMA_NOT_FOUND, "Schema " + text + " not found");
        }
    }

    private static List<String> segments(String rawPath) {
        return Arrays.stream(rawPath.split("/"))
                .filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8))
                .toList();
    }

    private static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", RegistryErrorCodes.MEDIA_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
