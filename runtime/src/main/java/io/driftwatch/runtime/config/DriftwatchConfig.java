package io.driftwatch.runtime.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.driftwatch.schemas.registry.RegistryClientConfig;
import io.driftwatch.schemas.serde.SerdeSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigException;

/**
 * Driftwatch's typed, immutable configuration: a YAML file, then {@code DRIFTWATCH_…}
 * environment overrides, validated once at startup with errors that name the bad key.
 *
 * <pre>
 * kafka:              # any Kafka client property, passed through untouched (security included)
 *   bootstrap.servers: localhost:9092
 * schema-registry:    # url, plus any Confluent serde key (basic.auth.user.info, schema.registry.ssl.*)
 *   url: http://localhost:8081
 * topics:     { prefix: "", partitions: 4, replication-factor: -1, provision: true }
 * processing: { guarantee: exactly_once_v2, application-id-prefix: driftwatch, state-dir: …,
 *               commit-interval: 100ms, threads: 1, shutdown-timeout: 30s }
 * http:       { bind: 127.0.0.1, port: 8080, token: …, tls: { keystore: { location, password, type } },
 *               open: [health, ready, dashboard], insecure: false }
 * models:     [ { model: churn, task: …, label-horizon: …, … } ]   # the model catalogue (ModelCatalogue)
 * ingest: …   metrics: …   drift: …   alerting: …                  # each processor's own section
 * </pre>
 *
 * Any value may be a secret reference in the syntax of Kafka's config providers:
 * {@code ${env:NAME}}, {@code ${file:/path.properties:key}}, {@code ${dir:/path:file}}.
 *
 * Environment: {@code DRIFTWATCH_KAFKA_BOOTSTRAP_SERVERS} sets {@code kafka.bootstrap.servers},
 * {@code DRIFTWATCH_SCHEMA_REGISTRY_URL} sets {@code schema-registry.url}, and a typed key maps
 * to its upper-case name with {@code _} for {@code .} and {@code -} ({@code DRIFTWATCH_HTTP_PORT}).
 */
public record DriftwatchConfig(
        Map<String, Object> kafka,
        Map<String, Object> serdeConfigs,
        Topics topics,
        Processing processing,
        Http http,
        ModelCatalogue models,
        Map<String, Map<String, Object>> processorSections) {

    /** Sections owned by the processor modules; they validate their own keys. */
    public static final List<String> PROCESSOR_SECTIONS = List.of("ingest", "metrics", "drift", "alerting");

    private static final String ENV_PREFIX = "DRIFTWATCH_";

    /**
     * @param prefix            prepended to every topic name
     * @param partitions        partitions of the topics Driftwatch creates
     * @param replicationFactor replication factor of created topics; empty for the broker's default
     * @param provision         create missing topics at startup; off where the processors' principal
     *                          may not create or describe them (an operator runs {@code driftwatch topics create})
     */
    public record Topics(String prefix, int partitions, Optional<Short> replicationFactor, boolean provision) {
    }

    /**
     * @param applicationIdPrefix each processor's {@code application.id} is this plus "-" plus its name
     * @param stateDir            Kafka Streams state directory
     */
    public record Processing(ProcessingGuarantee guarantee, String applicationIdPrefix, Path stateDir,
                             Duration commitInterval, int threads, Duration shutdownTimeout) {
    }

    /**
     * @param bind     address of the HTTP endpoints; loopback unless told otherwise
     * @param token    the bearer token every endpoint not in {@code open} requires; empty for none
     * @param tls      the key store of the HTTPS certificate; empty for plain HTTP
     * @param open     endpoints served without the token, of {@link #ENDPOINTS}
     * @param insecure serve a non-loopback address without TLS or token (logged as a warning)
     */
    public record Http(String bind, int port, Optional<String> token, Optional<RegistryClientConfig.StoreConfig> tls,
                       Set<String> open, boolean insecure) {

        /** The endpoints by name: {@code dashboard} is the static page and script, which hold no data. */
        public static final Set<String> ENDPOINTS = Set.of("metrics", "health", "ready", "dashboard", "api");
        public static final Set<String> DEFAULT_OPEN = Set.of("health", "ready", "dashboard");

        public Http {
            open = Set.copyOf(open);
        }

        /** Plain HTTP without a token, e.g. on loopback. */
        public static Http plain(String bind, int port) {
            return new Http(bind, port, Optional.empty(), Optional.empty(), DEFAULT_OPEN, false);
        }

        public boolean loopback() {
            try {
                return InetAddress.getByName(bind).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }

        /** The host other instances reach this one by: the bind address, or this host's name for a wildcard bind. */
        public String advertisedHost() {
            if (!bind.equals("0.0.0.0") && !bind.equals("::")) {
                return bind;
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "localhost";
            }
        }

        /** Never shows the token or the key store's password. */
        @Override
        public String toString() {
            return "Http[bind=" + bind + ", port=" + port + ", token=" + (token.isPresent() ? "(set)" : "(none)")
                    + ", tls=" + tls.map(t -> t.location().toString()).orElse("(none)") + ", open=" + open
                    + ", insecure=" + insecure + "]";
        }
    }

    public DriftwatchConfig {
        kafka = Map.copyOf(kafka);
        serdeConfigs = Map.copyOf(serdeConfigs);
        processorSections = Map.copyOf(processorSections);
    }

    /** Loads a YAML file and applies the environment's {@code DRIFTWATCH_…} overrides. */
    public static DriftwatchConfig load(Path yamlFile, Map<String, String> environment) {
        if (Files.notExists(yamlFile)) {
            throw new ConfigException("configuration file " + yamlFile + " does not exist");
        }
        Map<?, ?> tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readValue(Files.readAllBytes(yamlFile), Map.class);
        } catch (JsonProcessingException e) {
            // The parser's own message quotes the file around the error, secrets included: only the position.
            JsonLocation at = e.getLocation();
            throw new ConfigException("configuration file " + yamlFile + " is not valid YAML"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + yamlFile + ": " + e.getClass().getSimpleName());
        }
        try {
            return fromMap(tree == null ? Map.of() : tree, environment);
        } catch (ConfigException e) {
            throw new ConfigException(yamlFile + ": " + e.getMessage());
        }
    }

    /** From a nested map shaped like the YAML file, plus environment overrides. */
    public static DriftwatchConfig fromMap(Map<?, ?> nested, Map<String, String> environment) {
        ConfigValues values = new ConfigValues(ConfigValues.flatten(nested));
        applyEnvironment(values, environment);
        ConfigSecrets.resolve(values, environment);

        Map<String, Object> kafka = values.section("kafka");
        if (kafka.get("bootstrap.servers") == null) {
            throw new ConfigException("kafka.bootstrap.servers", null, "is required");
        }
        Map<String, Object> serdeConfigs = serdeConfigs(values.section("schema-registry"));

        int replication = values.integer("topics.replication-factor", -1, -1, Short.MAX_VALUE);
        if (replication == 0) {
            throw new ConfigException("topics.replication-factor", 0, "must be -1 (broker default) or at least 1");
        }
        Topics topics = new Topics(values.string("topics.prefix", ""),
                values.integer("topics.partitions", 4, 1, 10_000),
                replication == -1 ? Optional.empty() : Optional.of((short) replication),
                values.bool("topics.provision", true));

        String applicationIdPrefix = values.string("processing.application-id-prefix", "driftwatch");
        if (!applicationIdPrefix.matches("[A-Za-z0-9._-]+")) {
            throw new ConfigException("processing.application-id-prefix", applicationIdPrefix,
                    "only letters, digits, '.', '_' and '-' are allowed");
        }
        Processing processing = new Processing(
                values.oneOf("processing.guarantee", "exactly_once_v2", Map.of(
                        "exactly_once_v2", ProcessingGuarantee.EXACTLY_ONCE_V2,
                        "at_least_once", ProcessingGuarantee.AT_LEAST_ONCE)),
                applicationIdPrefix,
                Path.of(values.string("processing.state-dir",
                        Path.of(System.getProperty("java.io.tmpdir"), "driftwatch-state").toString())),
                values.positiveDuration("processing.commit-interval", Duration.ofMillis(100)),
                values.integer("processing.threads", 1, 1, 64),
                values.positiveDuration("processing.shutdown-timeout", Duration.ofSeconds(30)));

        Http http = http(values);
        ModelCatalogue models = ModelCatalogue.read(values);

        Map<String, Map<String, Object>> processorSections = new LinkedHashMap<>();
        for (String section : PROCESSOR_SECTIONS) {
            processorSections.put(section, values.section(section));
        }
        values.requireAllRead();
        values.requireOverridesUsed("DRIFTWATCH_KAFKA_*, DRIFTWATCH_SCHEMA_REGISTRY_*");
        return new DriftwatchConfig(kafka, serdeConfigs, topics, processing, http, models, processorSections);
    }

    /** The {@code http} section; a non-loopback address needs TLS and a token, or an explicit {@code insecure}. */
    private static Http http(ConfigValues values) {
        String bind = values.string("http.bind", "127.0.0.1");
        int port = values.integer("http.port", 8080, 0, 65_535);
        Optional<String> token = Optional.ofNullable(values.string("http.token", null));
        if (token.isPresent() && token.get().length() < 16) {
            // The value is a secret: not echoed.
            throw new ConfigException("http.token must have at least 16 characters");
        }
        Optional<RegistryClientConfig.StoreConfig> tls = Optional.ofNullable(values.string("http.tls.keystore.location", null))
                .map(location -> {
                    if (!Files.isReadable(Path.of(location))) {
                        throw new ConfigException("http.tls.keystore.location", location, "no readable file there");
                    }
                    return new RegistryClientConfig.StoreConfig(Path.of(location),
                            values.string("http.tls.keystore.password", ""), values.string("http.tls.keystore.type", "PKCS12"));
                });
        Set<String> open = new HashSet<>(values.strings("http.open").map(List::copyOf).orElse(List.copyOf(Http.DEFAULT_OPEN)));
        for (String endpoint : open) {
            if (!Http.ENDPOINTS.contains(endpoint)) {
                throw new ConfigException("http.open", endpoint, "expected endpoints of " + new TreeSet<>(Http.ENDPOINTS));
            }
        }
        Http http = new Http(bind, port, token, tls, open, values.bool("http.insecure", false));
        if (!http.loopback() && !http.insecure() && (tls.isEmpty() || token.isEmpty())) {
            throw new ConfigException("http.bind", bind, "is not a loopback address: serving it needs "
                    + "http.tls.keystore.location and http.token, or http.insecure: true (run --insecure) to go without");
        }
        return http;
    }

    /** The {@code application.id} of a processor (or of another client of this deployment, e.g. alert-sinks). */
    public String applicationId(String processorName) {
        return processing.applicationIdPrefix() + "-" + processorName;
    }

    /** The section's raw keys, for the processor module that owns it to validate. */
    public Map<String, Object> processorSection(String name) {
        return processorSections.getOrDefault(name, Map.of());
    }

    /** The {@code schema-registry} section as Confluent serde configs, validated. */
    private static Map<String, Object> serdeConfigs(Map<String, Object> section) {
        Map<String, Object> configs = new LinkedHashMap<>(section);
        Object url = configs.remove("url");
        if (url != null) {
            configs.put(RegistryClientConfig.URL, url);
        }
        Object autoRegister = configs.remove("auto-register");
        if (autoRegister != null) {
            configs.put(SerdeSettings.AUTO_REGISTER, autoRegister);
        }
        try {
            RegistryClientConfig.fromMap(configs);
            SerdeSettings.fromMap(configs);
        } catch (ConfigException e) {
            throw new ConfigException("schema-registry: " + e.getMessage());
        }
        return configs;
    }

    /**
     * {@code DRIFTWATCH_KAFKA_…} and {@code DRIFTWATCH_SCHEMA_REGISTRY_…} set keys of those sections;
     * any other {@code DRIFTWATCH_…} variable overrides the typed key whose name it spells, when
     * that key is read ({@link ConfigValues#overrideFrom}).
     */
    private static void applyEnvironment(ConfigValues values, Map<String, String> environment) {
        Map<String, String> overrides = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (!name.startsWith(ENV_PREFIX)) {
                return;
            }
            String rest = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
            if (rest.startsWith("kafka_")) {
                values.put("kafka." + rest.substring("kafka_".length()).replace('_', '.'), value);
            } else if (rest.startsWith("schema_registry_")) {
                values.put("schema-registry." + rest.substring("schema_registry_".length()).replace('_', '.'), value);
            } else {
                overrides.put(name, value);
            }
        });
        values.overrideFrom(overrides, ENV_PREFIX, (key, value) -> ConfigSecrets.resolve(key, value, environment));
    }
}
