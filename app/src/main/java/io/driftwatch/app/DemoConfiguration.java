package io.driftwatch.app;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.driftwatch.runtime.config.ConfigValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo's configuration: its model catalogue and processor sections from {@value #RESOURCE}, which
 * deploy/driftwatch.yaml holds too (DeployFilesTest keeps them equal), and the sections of the
 * embedded cluster it starts.
 */
final class DemoConfiguration {

    static final String RESOURCE = "demo-settings.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private DemoConfiguration() {
    }

    /** The models catalogue and the ingest, metrics, drift and alerting sections, read afresh (the caller may change them). */
    static Map<String, Object> sections() {
        try (InputStream in = DemoConfiguration.class.getResourceAsStream(RESOURCE)) {
            return YAML.readValue(in, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("the demo's " + RESOURCE + " does not read", e);
        }
    }

    /** The demo's base window: its metrics section's. */
    @SuppressWarnings("unchecked")
    static Duration window() {
        return ConfigValues.ofSection("metrics", (Map<String, Object>) sections().get("metrics"))
                .duration("metrics.window", null);
    }

    /**
     * The demo's whole configuration, as a YAML file would hold it.
     *
     * @param provision whether Driftwatch creates the topics itself (in the secure demo the admin does)
     */
    static Map<String, Object> tree(Map<String, Object> kafka, Map<String, Object> registry, Path stateDir, int httpPort,
                                    boolean provision) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("kafka", kafka);
        tree.put("schema-registry", registry);
        tree.put("topics", Map.of("partitions", 4, "provision", provision));
        tree.put("processing", Map.of("application-id-prefix", "driftwatch-demo", "state-dir", stateDir.toString()));
        tree.put("http", Map.of("bind", "127.0.0.1", "port", httpPort));
        tree.putAll(sections());
        return tree;
    }
}
