package io.driftwatch.schemas.registry;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * How to reach a schema registry. Keys follow Confluent's serializer configuration, so a
 * producer config written for Confluent's serde works here unchanged.
 *
 * @param urls             base URLs, tried in order on transient failures
 * @param basicAuthUserInfo "user:password" for HTTP Basic auth, if any
 * @param trustStore       trust store for https registries, if not the JVM default
 * @param keyStore         key store holding a client certificate, if the registry asks for one
 * @param requestTimeout   timeout of one HTTP request
 * @param maxRetries       retries of a transient failure (5xx, timeout, refused connection)
 * @param retryBackoff     first backoff between retries, doubled up to {@code maxRetryBackoff}
 */
public record RegistryClientConfig(
        List<URI> urls,
        Optional<String> basicAuthUserInfo,
        Optional<StoreConfig> trustStore,
        Optional<StoreConfig> keyStore,
        Duration requestTimeout,
        int maxRetries,
        Duration retryBackoff,
        Duration maxRetryBackoff) {

    public static final String URL = "schema.registry.url";
    public static final String BASIC_AUTH_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    public static final String MAX_RETRIES = "schema.registry.max.retries";
    public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "schema.registry.retry.backoff.max.ms";

    /** A key or trust store on disk. */
    public record StoreConfig(Path location, String password, String type) {
    }

    public RegistryClientConfig {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new ConfigException(URL, "", "at least one schema registry URL is required");
        }
    }

    /** Plain config for one URL, with default timeouts and retries. */
    public static RegistryClientConfig of(String url) {
        return fromMap(Map.of(URL, url));
    }

    /** Reads the keys above from serializer configs; the error names the bad key. */
    public static RegistryClientConfig fromMap(Map<String, ?> configs) {
        Object rawUrls = configs.get(URL);
        if (rawUrls == null || rawUrls.toString().isBlank()) {
            throw new ConfigException(URL, rawUrls, "the schema registry URL is required");
        }
        List<URI> urls = Arrays.stream(rawUrls.toString().split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> parseUrl(s))
                .toList();
        return new RegistryClientConfig(
                urls,
                basicAuth(configs),
                store(configs, TRUSTSTORE_LOCATION, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE),
                store(configs, KEYSTORE_LOCATION, KEYSTORE_PASSWORD, KEYSTORE_TYPE),
                Duration.ofMillis(positiveLong(configs, REQUEST_TIMEOUT_MS, 10_000)),
                (int) nonNegativeLong(configs, MAX_RETRIES, 3),
                Duration.ofMillis(positiveLong(configs, RETRY_BACKOFF_MS, 100)),
                Duration.ofMillis(positiveLong(configs, RETRY_BACKOFF_MAX_MS, 2_000)));
    }

    private static URI parseUrl(String s) {
        try {
            URI uri = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("scheme must be http or https");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(URL, s, "not an http(s) URL: " + e.getMessage());
        }
    }

    private static Optional<String> basicAuth(Map<String, ?> configs) {
        Object source = configs.get(BASIC_AUTH_SOURCE);
        Object userInfo = configs.get(BASIC_AUTH_USER_INFO);
        if (source != null && !"USER_INFO".equals(source.toString())) {
            throw new ConfigException(BASIC_AUTH_SOURCE, source, "only USER_INFO is supported");
        }
        if (userInfo == null || userInfo.toString().isEmpty()) {
            return Optional.empty();
        }
        if (!userInfo.toString().contains(":")) {
            // Never echo the value: it is a secret.
            throw new ConfigException(BASIC_AUTH_USER_INFO + " must have the form user:password");
        }
        return Optional.of(userInfo.toString());
    }

    private static Optional<StoreConfig> store(Map<String, ?> configs, String locationKey, String passwordKey,
                                               String typeKey) {
        Object location = configs.get(locationKey);
        if (location == null || location.toString().isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(location.toString());
        if (!Files.isReadable(path)) {
            throw new ConfigException(locationKey, location, "file does not exist or is not readable");
        }
        Object password = configs.get(passwordKey);
        Object type = configs.get(typeKey);
        return Optional.of(new StoreConfig(path, password == null ? "" : password.toString(),
                type == null ? "PKCS12" : type.toString()));
    }

    private static long positiveLong(Map<String, ?> configs, String key, long defaultValue) {
        long value = nonNegativeLong(configs, key, defaultValue);
        if (value == 0) {
            throw new ConfigException(key, configs.get(key), "must be greater than 0");
        }
        return value;
    }

    private static long nonNegativeLong(Map<String, ?> configs, String key, long defaultValue) {
        Object raw = configs.get(key);
        if (raw == null) {
            return defaultValue;
        }
        try {
            long value = raw instanceof Number n ? n.longValue() : Long.parseLong(raw.toString().trim());
            if (value < 0) {
                throw new ConfigException(key, raw, "must not be negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, raw, "not a whole number");
        }
    }
}
