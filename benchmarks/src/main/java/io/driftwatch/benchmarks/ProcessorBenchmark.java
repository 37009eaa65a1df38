package io.driftwatch.benchmarks;

import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.ingest.IngestTopology;
import io.driftwatch.metrics.MetricsTopology;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.kafka.EmbeddedKafkaBroker;
import io.driftwatch.runtime.streams.StreamsApp;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicProvisioner;
import io.driftwatch.runtime.topics.TopicSpec;
import io.driftwatch.schemas.registry.server.EmbeddedSchemaRegistry;
import io.driftwatch.schemas.serde.AvroSerdes;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A processor's throughput next to its baselines, on the same pre-loaded input in the same
 * process run: an embedded KRaft broker and registry, N predictions with ground truth (or, for the
 * metric aggregator, validated and labelled predictions) for a share of them, then each contender
 * drains the input in turn: a stateless pass-through, for the metric aggregator a naive DSL
 * windowed aggregation, then the processor.
 */
@Command(name = "processor-benchmark", mixinStandardHelpOptions = true,
        description = "Measures a processor against a stateless Kafka Streams pass-through (and, for metrics, a naive "
                + "DSL aggregation) on the same input.")
public final class ProcessorBenchmark implements Callable<Integer> {

    @Option(names = "--processor", defaultValue = "ingest", description = "ingest or metrics (default: ${DEFAULT-VALUE}).")
    String processor;

    @Option(names = "--events", defaultValue = "1000000", description = "Predictions to pre-load (default: ${DEFAULT-VALUE}).")
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

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProcessorBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        TrustedAvroPackages.trustEvents();
        boolean metrics = processor.equals("metrics");
        if (!metrics && !processor.equals("ingest")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--processor: expected ingest or metrics, got "
                    + processor);
        }
        List<TopicSpec<String, ?>> inputs = metrics
                ? List.of(TopicCatalogue.VALIDATED_PREDICTIONS, TopicCatalogue.LABELED_PREDICTIONS)
                : List.of(TopicCatalogue.PREDICTIONS, TopicCatalogue.GROUND_TRUTH);
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder()
                     .kafka(Map.of("bootstrap.servers", broker.bootstrapServers())).start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            DriftwatchConfig config = config(broker.bootstrapServers(), registry.url(), "bench");
            TopicCatalogue topics = new TopicCatalogue("", AvroSerdes.fromConfig(config.serdeConfigs()));
            new TopicProvisioner(admin, topics, partitions, Optional.empty()).provision(TopicCatalogue.ALL);
            PassThroughTopology passThrough = new PassThroughTopology(inputs);
            List<String> outputs = new ArrayList<>(passThrough.outputTopics(topics));
            outputs.add(NaiveAggregationTopology.output(topics));
            admin.createTopics(outputs.stream()
                    .map(name -> new NewTopic(name, partitions, (short) 1)).toList()).all().get();

            long inputRecords = BenchmarkInput.preload(broker.bootstrapServers(), topics, inputs, events, labelShare, seed);
            Map<TopicPartition, Long> endOffsets = BenchmarkInput.endOffsets(admin, topics, inputs);

            List<DrainMeasurement.Result> results = new ArrayList<>();
            List<StreamsApp> contenders = metrics
                    ? List.of(passThrough, new NaiveAggregationTopology(), new MetricsTopology())
                    : List.of(passThrough, new IngestTopology());
            for (StreamsApp app : contenders) {
                System.out.printf("Running %s ...%n", app.name());
                results.add(DrainMeasurement.run(app, config(broker.bootstrapServers(), registry.url(), app.name()),
                        topics, admin, endOffsets, inputRecords));
            }
            String report = report(results);
            System.out.println(report);
            if (record != null) {
                Files.writeString(record, report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                System.out.println("Appended to " + record);
            }
        }
        return 0;
    }

    private DriftwatchConfig config(String bootstrap, String registryUrl, String run) throws IOException {
        Path state = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "bench-state-");
        return DriftwatchConfig.fromMap(Map.of(
                "kafka", Map.of("bootstrap.servers", bootstrap),
                "schema-registry", Map.of("url", registryUrl),
                "topics", Map.of("partitions", partitions),
                "processing", Map.of("guarantee", guarantee, "application-id-prefix", "bench-" + run, "threads", threads,
                        "state-dir", state.toString())), Map.of());
    }

    private String report(List<DrainMeasurement.Result> results) {
        DrainMeasurement.Result baseline = results.get(0);
        StringBuilder out = new StringBuilder();
        out.append("\n## ").append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC)
                .format(Instant.now())).append(" — ").append(processor).append(" vs ")
                .append(results.size() > 2 ? "stateless pass-through and naive DSL aggregation" : "stateless pass-through")
                .append("\n\n");
        out.append("Machine: ").append(MachineDescription.describe()).append(" The broker runs in the same JVM.\n\n");
        out.append("Command: `mvn -B -q install -DskipTests && mvn -B -q -pl benchmarks exec:exec -Dbench.args=\"")
                .append("--processor ").append(processor).append(" --events ").append(events).append(" --label-share ").append(labelShare)
                .append(" --partitions ").append(partitions).append(" --threads ").append(threads)
                .append(" --guarantee ").append(guarantee)
                .append(" --seed ").append(seed).append(record == null ? "" : " --record " + record).append("\"`\n\n");
        out.append(String.format("Input: %,d predictions (20 numeric + 5 categorical features, 3 models, one at 80 %%) "
                + "and %s for %.0f %%: %,d records in %d partitions per topic, %d stream thread(s); %s.%n%n",
                events, processor.equals("metrics") ? "their labelled predictions" : "their ground truth",
                labelShare * 100, baseline.inputRecords(), partitions, threads, guarantee));
        DrainMeasurement.Result naive = results.size() > 2 ? results.get(1) : null;
        out.append("| topology | records/s | seconds | CPU s per M records | peak heap MiB | state on disk MiB | × pass-through |")
                .append(naive == null ? "\n|---|---:|---:|---:|---:|---:|---:|\n" : " × naive DSL |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (DrainMeasurement.Result r : results) {
            out.append(String.format("| %s | %,.0f | %.1f | %.1f | %,.0f | %,.1f | %.2f |", r.name(), r.recordsPerSecond(),
                    r.seconds(), r.cpuSecondsPerMillion(), r.peakHeapBytes() / 1048576.0, r.stateBytes() / 1048576.0,
                    r.recordsPerSecond() / baseline.recordsPerSecond()));
            out.append(naive == null ? "\n" : String.format(" %.2f |%n", r.recordsPerSecond() / naive.recordsPerSecond()));
        }
        return out.toString();
    }
}
