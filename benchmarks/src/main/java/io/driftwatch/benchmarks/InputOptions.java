package io.driftwatch.benchmarks;

import io.driftwatch.runtime.config.DriftwatchConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options the end-to-end benchmarks share: their input, how the topologies run, and where the results go. */
final class InputOptions {

    @Option(names = "--events", defaultValue = "2000000", description = "Predictions to pre-load (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--label-share", defaultValue = "0.8", description = "Share of predictions with a ground truth (default: ${DEFAULT-VALUE}).")
    double labelShare;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--threads", defaultValue = "1", description = "Stream threads per topology (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--guarantee", defaultValue = "exactly_once_v2",
            description = "exactly_once_v2 or at_least_once (default: ${DEFAULT-VALUE}).")
    String guarantee;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated input (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--record", description = "Append the results, with the machine and command, to this Markdown file.")
    Path record;

    /**
     * A run's configuration: its own application ids and a fresh state directory.
     *
     * @param sections processor sections (e.g. ingest) as in the YAML file; a kafka section adds client properties
     */
    DriftwatchConfig config(String bootstrap, String registryUrl, String run, String topicPrefix,
                            Map<String, Object> sections) throws IOException {
        Path state = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "bench-state-");
        Map<String, Object> config = new HashMap<>(sections);
        Map<String, Object> kafka = new HashMap<>();
        if (sections.get("kafka") instanceof Map<?, ?> extra) {
            extra.forEach((key, value) -> kafka.put(String.valueOf(key), value));
        }
        kafka.put("bootstrap.servers", bootstrap);
        config.put("kafka", kafka);
        config.put("schema-registry", Map.of("url", registryUrl));
        config.put("topics", Map.of("partitions", partitions, "prefix", topicPrefix));
        config.put("processing", Map.of("guarantee", guarantee, "application-id-prefix", "bench-" + run, "threads", threads,
                "state-dir", state.toString()));
        return DriftwatchConfig.fromMap(config, Map.of());
    }

    /** These options as given, for the command in a report. */
    String arguments() {
        return "--events " + events + " --label-share " + labelShare + " --partitions " + partitions + " --threads " + threads
                + " --guarantee " + guarantee + " --seed " + seed + (record == null ? "" : " --record " + record);
    }

    /** Prints a report and appends it to the {@code --record} file, if any. */
    void publish(String report) throws IOException {
        BenchmarkReport.publish(report, record);
    }
}
