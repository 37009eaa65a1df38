package io.driftwatch.runtime.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.driftwatch.schemas.registry.RegistryClientConfig;
import io.driftwatch.schemas.serde.SerdeSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 * topics:     { prefix: "", partitions: 4, replication-factor: -1 }
 * processing: { guarantee: exactly_once_v2, application-id-prefix: driftwatch, state-dir: …,
 *               commit-interval: 100ms, threads: 1, shutdown-timeout: 30s }
 * http:       { bind: 127.0.0.1, port: 8080 }
 * </pre>
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
        Map<String, Map<String, Object>> processorSections) {

    /** Sections owned by the processor modules; they validate their own keys. */
    public static final List<String> PROCESSOR_SECTIONS = List.of("ingest", "metrics", "drift", "alerting", "models");

    static final List<String> TYPED_KEYS = List.of(
            "topics.prefix", "topics.partitions", "topics.replication-factor",
            "processing.guarantee", "processing.application-id-prefix", "processing.state-dir",
            "processing.commit-interval", "processing.threads", "processing.shutdown-timeout",
            "http.bind", "http.port");

    private static final String ENV_PREFIX = "DRIFTWATCH_";

    /**
     * @param prefix            prepended to every topic name
     * @param partitions        partitions of the topics Driftwatch creates
     * @param replicationFactor replication factor of created topics; empty for the broker's default
     */
    public record Topics(String prefix, int partitions, Optional<Short> replicationFactor) {
    }

    /**
     * @param applicationIdPrefix each processor's {@code application.id} is this plus "-" plus its name
     * @param stateDir            Kafka Streams state directory
     */
    public record Processing(ProcessingGuarantee guarantee, String applicationIdPrefix, Path stateDir,
                             Duration commitInterval, int threads, Duration shutdownTimeout) {
    }

    /** @param bind address of the HTTP endpoints; loopback unless told otherwise */
    public record Http(String bind, int port) {
    }

    public DriftwatchConfig {
        kafka = Map.copyOf(kafka);
        serdeConfigs = Map.copyOf(serdeConfigs);
        processorSections = Map.copyOf(processorSections);
    }

    /** Loads a YAML file and applies the environment's {@code DRIFTWATCH_…} overrides. */
    public static DriftwatchConfig load(Path yamlFile, Map<String, String> environment) {
        Map<?, ?> tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readValue(Files.readAllBytes(yamlFile), Map.class);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + yamlFile + ": " + e.getMessage());
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
                replication == -1 ? Optional.empty() : Optional.of((short) replication));

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

        Http http = new Http(values.string("http.bind", "127.0.0.1"), values.integer("http.port", 8080, 0, 65_535));

        Map<String, Map<String, Object>> processorSections = new LinkedHashMap<>();
        for (String section : PROCESSOR_SECTIONS) {
            processorSections.put(section, values.section(section));
        }
        List<String> known = new ArrayList<>(TYPED_KEYS);
        known.add("kafka.*");
        known.add("schema-registry.*");
        PROCESSOR_SECTIONS.forEach(section -> known.add(section + ".*"));
        values.requireAllRead(known);
        return new DriftwatchConfig(kafka, serdeConfigs, topics, processing, http, processorSections);
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

    private static void applyEnvironment(ConfigValues values, Map<String, String> environment) {
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
                String key = TYPED_KEYS.stream().filter(k -> envName(k).equals(name)).findFirst()
                        .orElseThrow(() -> new ConfigException(name, value,
                                "unknown Driftwatch environment variable; known: DRIFTWATCH_KAFKA_*, "
                                        + "DRIFTWATCH_SCHEMA_REGISTRY_*, " + TYPED_KEYS.stream().map(DriftwatchConfig::envName).toList()));
                values.put(key, value);
            }
        });
    }

    static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
