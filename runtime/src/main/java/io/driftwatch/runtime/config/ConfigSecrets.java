package io.driftwatch.runtime.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.config.provider.DirectoryConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;

/**
 * Resolves secret references in Driftwatch's own configuration values (the schema registry's
 * credentials, the HTTP token and key store password, …), in the syntax of Kafka's config
 * providers, so that secrets need not be written into the configuration file:
 * {@code ${env:NAME}} (an environment variable), {@code ${file:/path/to/file.properties:key}}
 * (a key of a properties file) and {@code ${dir:/path/to/dir:file}} (a whole file, e.g. a
 * mounted Kubernetes secret). A reference that cannot be resolved fails at startup, naming the
 * key and the reference, never a resolved value. The {@code kafka} section is left to Kafka's
 * clients, which resolve the same syntax with the providers it names ({@code config.providers}).
 */
final class ConfigSecrets {

    /** Passed to Kafka's clients untouched: they resolve references with the providers it configures. */
    private static final String KAFKA_SECTION = "kafka.";
    private static final Pattern UNRESOLVED = Pattern.compile("\\$\\{(env|file|dir):[^}]*}");

    private ConfigSecrets() {
    }

    static void resolve(ConfigValues values, Map<String, String> environment) {
        Map<String, String> references = new HashMap<>();
        values.forEachString((key, value) -> {
            if (!key.startsWith(KAFKA_SECTION) && UNRESOLVED.matcher(value).find()) {
                references.put(key, value);
            }
        });
        transform(references, environment).forEach(values::put);
    }

    /** One value, e.g. an environment variable's, that may hold references. */
    static String resolve(String key, String value, Map<String, String> environment) {
        return UNRESOLVED.matcher(value).find() ? transform(Map.of(key, value), environment).get(key) : value;
    }

    private static Map<String, String> transform(Map<String, String> references, Map<String, String> environment) {
        if (references.isEmpty()) {
            return Map.of();
        }
        Map<String, ConfigProvider> providers = Map.of("env", new EnvironmentProvider(environment),
                "file", new FileConfigProvider(), "dir", new DirectoryConfigProvider());
        providers.values().forEach(provider -> provider.configure(Map.of()));
        Map<String, String> resolved;
        try {
            resolved = new ConfigTransformer(providers).transform(references).data();
        } catch (ConfigException e) {
            throw new ConfigException("cannot resolve a secret reference: " + e.getMessage());
        }
        resolved.forEach((key, value) -> {
            var unresolved = UNRESOLVED.matcher(value);
            if (unresolved.find()) {
                throw new ConfigException(key, unresolved.group(), "refers to a secret that is not there "
                        + "(an unset environment variable, or a missing file or key)");
            }
        });
        return resolved;
    }

    /** {@code ${env:NAME}} from the environment Driftwatch was given (the process's, or a test's). */
    private record EnvironmentProvider(Map<String, String> environment) implements ConfigProvider {

        @Override
        public ConfigData get(String path) {
            return new ConfigData(environment);
        }

        @Override
        public ConfigData get(String path, Set<String> keys) {
            Map<String, String> found = new HashMap<>();
            keys.stream().filter(environment::containsKey).forEach(k -> found.put(k, environment.get(k)));
            return new ConfigData(found);
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public void close() {
        }
    }
}
