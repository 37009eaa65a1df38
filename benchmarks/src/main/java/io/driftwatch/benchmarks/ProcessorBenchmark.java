package io.driftwatch.benchmarks;

import io.driftwatch.drift.DriftTopology;
import io.driftwatch.ingest.IngestTopology;
import io.driftwatch.metrics.MetricsTopology;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.kafka.EmbeddedKafkaBroker;
import io.driftwatch.app.Pipeline;
import io.driftwatch.runtime.streams.PerRecordPipeline;
import io.driftwatch.runtime.streams.StreamsApp;
import io.driftwatch.runtime.streams.TopologyParts;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicProvisioner;
import io.driftwatch.runtime.topics.TopicSpec;
import io.driftwatch.schemas.registry.server.EmbeddedSchemaRegistry;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.Topology;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    InputOptions input;

    @Option(names = "--processor", defaultValue = "ingest",
            description = "ingest, metrics, drift or pipeline (the fused three) (default: ${DEFAULT-VALUE}).")
    String processor;

    /** The metric aggregator with {@code metrics.estimated-performance: false}: estimation's cost is the difference. */
    private static final StreamsApp WITHOUT_ESTIMATION = new StreamsApp() {
        @Override
        public String name() {
            return "metrics-without-estimation";
        }

        @Override
        public Topology topology(TopologyParts parts) {
            return new MetricsTopology().topology(parts);
        }
    };

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProcessorBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        TrustedAvroPackages.trustEvents();
        boolean metrics = processor.equals("metrics");
        boolean pipeline = processor.equals(PerRecordPipeline.NAME);
        boolean ingest = processor.equals("ingest") || pipeline;
        if (!metrics && !ingest && !processor.equals("drift")) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--processor: expected ingest, metrics, drift or pipeline, got " + processor);
        }
        List<TopicSpec<String, ?>> inputs = !ingest
                ? List.of(TopicCatalogue.VALIDATED_PREDICTIONS, TopicCatalogue.LABELED_PREDICTIONS)
                : List.of(TopicCatalogue.PREDICTIONS, TopicCatalogue.GROUND_TRUTH);
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder()
                     .kafka(Map.of("bootstrap.servers", broker.bootstrapServers())).start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            DriftwatchConfig config = input.config(broker.bootstrapServers(), registry.url(), "bench", "", Map.of());
            TopicCatalogue topics = TopicCatalogue.of(config);
            new TopicProvisioner(admin, topics, input.partitions, Optional.empty()).provision(TopicCatalogue.ALL);
            PassThroughTopology passThrough = new PassThroughTopology(inputs);
            List<String> outputs = new ArrayList<>(passThrough.outputTopics(topics));
            outputs.add(NaiveAggregationTopology.output(topics));
            admin.createTopics(outputs.stream()
                    .map(name -> new NewTopic(name, input.partitions, (short) 1)).toList()).all().get();

            long inputRecords = BenchmarkInput.preload(broker.bootstrapServers(), topics, inputs, input.events, input.labelShare, input.seed);
            Map<TopicPartition, Long> endOffsets = BenchmarkInput.endOffsets(admin, topics, inputs);

            List<DrainMeasurement.Result> results = new ArrayList<>();
            // The metric aggregator without and with estimation in the order A B B A, so that a drift of the
            // shared machine's speed over the run weighs on both alike.
            MetricsTopology aggregator = new MetricsTopology();
            List<StreamsApp> contenders = metrics
                    ? List.of(passThrough, new NaiveAggregationTopology(), WITHOUT_ESTIMATION, aggregator, aggregator,
                            WITHOUT_ESTIMATION)
                    : List.of(passThrough, pipeline ? Pipeline.perRecord() : ingest ? new IngestTopology() : new DriftTopology());
            for (int i = 0; i < contenders.size(); i++) {
                StreamsApp app = contenders.get(i);
                System.out.printf("Running %s ...%n", app.name());
                Map<String, Object> sections = app == WITHOUT_ESTIMATION
                        ? Map.of("metrics", Map.of("estimated-performance", false)) : Map.of();
                results.add(DrainMeasurement.run(app, input.config(broker.bootstrapServers(), registry.url(),
                        app.name() + "-" + i, "", sections), topics, admin, endOffsets, inputRecords));
            }
            String report = report(results);
            input.publish(report);
        }
        return 0;
    }

    private String report(List<DrainMeasurement.Result> results) {
        DrainMeasurement.Result baseline = results.get(0);
        StringBuilder out = new StringBuilder();
        out.append(BenchmarkReport.heading("##", processor + " vs " + (results.size() > 2
                ? "stateless pass-through and naive DSL aggregation" : "stateless pass-through")));
        out.append("Command: `mvn -B -q install -DskipTests && mvn -B -q -pl benchmarks exec:exec -Dbench.args=\"")
                .append("--processor ").append(processor).append(' ').append(input.arguments()).append("\"`\n\n");
        out.append(String.format("Input: %,d predictions (20 numeric + 5 categorical features, 3 models, one at 80 %%) "
                + "and %s for %.0f %%: %,d records in %d input.partitions per topic, %d stream thread(s); %s.%n%n",
                input.events, !processor.equals("metrics") && !processor.equals("drift") ? "their ground truth" : "their labelled predictions",
                input.labelShare * 100, baseline.inputRecords(), input.partitions, input.threads, input.guarantee));
        DrainMeasurement.Result naive = results.size() > 2 ? results.get(1) : null;
        out.append("| topology | records/s | seconds | CPU s per M records | peak heap MiB | state on disk MiB | × pass-through |")
                .append(naive == null ? "\n|---|---:|---:|---:|---:|---:|---:|\n" : " × naive DSL |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (DrainMeasurement.Result r : results) {
            out.append(String.format("| %s | %,.0f | %.1f | %.1f | %,.0f | %,.1f | %.2f |", r.name(), r.recordsPerSecond(),
                    r.seconds(), r.cpuSecondsPerMillion(), r.peakHeapBytes() / 1048576.0, r.stateBytes() / 1048576.0,
                    r.recordsPerSecond() / baseline.recordsPerSecond()));
            out.append(naive == null ? "\n" : String.format(" %.2f |%n", r.recordsPerSecond() / naive.recordsPerSecond()));
        }
        if (naive != null) {
            double with = meanCpu(results, new MetricsTopology().name());
            double without = meanCpu(results, WITHOUT_ESTIMATION.name());
            out.append(String.format("%nEstimated performance: %.1f CPU s per M records with it, %.1f without (means of two "
                    + "runs each, A B B A): %+.1f %%.%n", with, without, 100 * (with / without - 1)));
        }
        return out.toString();
    }

    private static double meanCpu(List<DrainMeasurement.Result> results, String name) {
        return results.stream().filter(r -> r.name().equals(name)).mapToDouble(DrainMeasurement.Result::cpuSecondsPerMillion)
                .average().orElse(Double.NaN);
    }
}
