package io.driftwatch.benchmarks;

import io.driftwatch.alerting.AlertingTopology;
import io.driftwatch.drift.DriftTopology;
import io.driftwatch.ingest.IngestTopology;
import io.driftwatch.metrics.MetricsTopology;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.kafka.EmbeddedKafkaBroker;
import io.driftwatch.app.Pipeline;
import io.driftwatch.runtime.streams.StreamsApp;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicProvisioner;
import io.driftwatch.runtime.topics.TopicSpec;
import io.driftwatch.schemas.registry.server.EmbeddedSchemaRegistry;
import io.driftwatch.schemas.serde.AvroSerdes;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.io.IOException;
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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Every contender on the same seeded input in one process run: (1) a raw consumer, (2) a
 * stateless Kafka Streams pass-through, then each processor alone on what the one before it wrote
 * (ingest on the predictions and ground truth; (3) the naive DSL aggregation, the metric
 * aggregator and the drift detector on ingest's output; alerting on theirs), and (5) the full
 * pipeline on further copies of the same input, three ways: the default (the fused per-record
 * topology and alerting), the same with ingest's validated and labelled topics switched off, and
 * the four processors chained through Kafka (the split deployment).
 */
@Command(name = "pipeline-benchmark", mixinStandardHelpOptions = true,
        description = "Measures a raw consumer, a stateless pass-through, the naive DSL aggregation, each processor alone "
                + "and the full pipeline on the same input.")
public final class PipelineBenchmark implements Callable<Integer> {

    @Mixin
    InputOptions input;

    private static final List<TopicSpec<String, ?>> RAW = List.of(TopicCatalogue.PREDICTIONS, TopicCatalogue.GROUND_TRUTH);
    private static final List<TopicSpec<String, ?>> VALIDATED = List.of(TopicCatalogue.VALIDATED_PREDICTIONS,
            TopicCatalogue.LABELED_PREDICTIONS);
    private static final List<TopicSpec<String, ?>> ANALYSED = List.of(TopicCatalogue.METRICS, TopicCatalogue.DRIFT_REPORTS);

    @Option(names = "--skip", split = ",", description = "Contenders to leave out: naive-dsl (it takes minutes at "
            + "millions of events), metrics, drift, fused, lean (fused, topics off), chain (chained processors).")
    List<String> skip = List.of();

    private record Row(String source, DrainMeasurement.Result result) {
    }

    private String bootstrap;
    private String registryUrl;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PipelineBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        TrustedAvroPackages.trustEvents();
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder()
                     .kafka(Map.of("bootstrap.servers", broker.bootstrapServers())).start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            bootstrap = broker.bootstrapServers();
            registryUrl = registry.url();
            TopicCatalogue topics = catalogue("");
            new TopicProvisioner(admin, topics, input.partitions, Optional.empty()).provision(TopicCatalogue.ALL);
            PassThroughTopology passThrough = new PassThroughTopology(RAW);
            List<String> extra = new ArrayList<>(passThrough.outputTopics(topics));
            extra.add(NaiveAggregationTopology.output(topics));
            admin.createTopics(extra.stream().map(name -> new NewTopic(name, input.partitions, (short) 1)).toList()).all().get();

            long rawRecords = BenchmarkInput.preload(bootstrap, topics, RAW, input.events, input.labelShare, input.seed);
            Map<TopicPartition, Long> rawEnds = BenchmarkInput.endOffsets(admin, topics, RAW);
            List<Row> rows = new ArrayList<>();
            System.out.println("Running raw consumer ...");
            rows.add(new Row("predictions + ground truth", RawConsumerBaseline.run(bootstrap, rawEnds)));
            rows.add(new Row("predictions + ground truth", alone(passThrough, rawEnds, rawRecords, topics, admin)));
            rows.add(new Row("predictions + ground truth", alone(new IngestTopology(), rawEnds, rawRecords, topics, admin)));
            Map<TopicPartition, Long> validatedEnds = BenchmarkInput.endOffsets(admin, topics, VALIDATED);
            long validatedRecords = BenchmarkInput.readAll(bootstrap, validatedEnds);
            for (StreamsApp app : List.of(new NaiveAggregationTopology(), new MetricsTopology(), new DriftTopology())) {
                if (skip.contains(app.name())) {
                    continue;
                }
                rows.add(new Row("validated + labelled", alone(app, validatedEnds, validatedRecords, topics, admin)));
            }
            Map<TopicPartition, Long> analysedEnds = BenchmarkInput.endOffsets(admin, topics, ANALYSED);
            rows.add(new Row("metrics + drift reports", alone(new AlertingTopology(), analysedEnds,
                    BenchmarkInput.readAll(bootstrap, analysedEnds), topics, admin)));

            // The full pipeline, each way on its own copy of the same input (same input.seed), under its own topic prefix.
            Map<String, Object> topicsOff = Map.of("ingest", Map.of("outputs", Map.of("validated", false, "labeled", false)));
            fullPipeline(rows, admin, rawRecords, "fused pipeline", "fused", Map.of(), Pipeline.perRecord(),
                    new AlertingTopology());
            fullPipeline(rows, admin, rawRecords, "fused, topics off", "lean", topicsOff, Pipeline.perRecord(),
                    new AlertingTopology());
            fullPipeline(rows, admin, rawRecords, "chained processors", "chain", Map.of(), new IngestTopology(),
                    new MetricsTopology(), new DriftTopology(), new AlertingTopology());

            String report = report(rows, validatedRecords);
            input.publish(report);
        }
        return 0;
    }

    /** One way of running the full pipeline, on its own copy of the input, unless skipped by its run name. */
    private void fullPipeline(List<Row> rows, Admin admin, long rawRecords, String name, String run,
                              Map<String, Object> sections, StreamsApp... apps) throws Exception {
        if (skip.contains(run)) {
            return;
        }
        TopicCatalogue topics = catalogue(run + ".");
        new TopicProvisioner(admin, topics, input.partitions, Optional.empty()).provision(TopicCatalogue.ALL);
        BenchmarkInput.preload(bootstrap, topics, RAW, input.events, input.labelShare, input.seed);
        System.out.printf("Running the %s ...%n", name);
        rows.add(new Row("predictions + ground truth", DrainMeasurement.run(name, List.of(apps),
                input.config(bootstrap, registryUrl, run, run + ".", sections), topics, admin,
                app -> BenchmarkInput.inputEnds(admin, topics, app), rawRecords)));
    }

    private DrainMeasurement.Result alone(StreamsApp app, Map<TopicPartition, Long> ends, long records, TopicCatalogue topics,
                                          Admin admin) throws Exception {
        System.out.printf("Running %s ...%n", app.name());
        return DrainMeasurement.run(app, config(app.name(), ""), topics, admin, ends, records);
    }

    private TopicCatalogue catalogue(String prefix) {
        return new TopicCatalogue(prefix, AvroSerdes.fromConfig(Map.of("schema.registry.url", registryUrl)));
    }

    private DriftwatchConfig config(String run, String prefix) throws IOException {
        return input.config(bootstrap, registryUrl, run, prefix, Map.of());
    }

    private String report(List<Row> rows, long validatedRecords) {
        DrainMeasurement.Result raw = rows.get(0).result();
        DrainMeasurement.Result passThrough = rows.get(1).result();
        double naive = rows.stream().map(Row::result).filter(r -> r.name().equals("naive-dsl"))
                .mapToDouble(DrainMeasurement.Result::recordsPerSecond).findFirst().orElse(Double.NaN);
        StringBuilder out = new StringBuilder();
        out.append(BenchmarkReport.heading("###", "every contender and the full pipeline on the same input"));
        out.append("Command: `mvn -B -q install -DskipTests && mvn -B -q -pl benchmarks exec:exec ")
                .append("-Dbench.main=io.driftwatch.benchmarks.PipelineBenchmark -Dbench.args=\"").append(input.arguments())
                .append(skip.isEmpty() ? "" : " --skip " + String.join(",", skip)).append("\"`\n\n");
        out.append(String.format("Input: %,d predictions (20 numeric + 5 categorical features, 3 models, one at 80 %%) and "
                + "ground truth for %.0f %%: %,d records; ingest's output %,d records; %d input.partitions per topic, %d stream "
                + "thread(s) per processor; %s.%n%n", input.events, input.labelShare * 100, raw.inputRecords(), validatedRecords,
                input.partitions, input.threads, input.guarantee));
        out.append("| contender | input | records/s | seconds | CPU s per M records | peak heap MiB | state on disk MiB "
                + "| × raw consumer | × pass-through | × naive DSL |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            DrainMeasurement.Result r = row.result();
            out.append(String.format("| %s | %s | %,.0f | %.1f | %.1f | %,.0f | %,.1f | %.2f | %.2f | %s |%n", r.name(),
                    row.source(), r.recordsPerSecond(), r.seconds(), r.cpuSecondsPerMillion(), r.peakHeapBytes() / 1048576.0,
                    r.stateBytes() / 1048576.0, r.recordsPerSecond() / raw.recordsPerSecond(),
                    r.recordsPerSecond() / passThrough.recordsPerSecond(),
                    Double.isNaN(naive) ? "–" : String.format("%.2f", r.recordsPerSecond() / naive)));
        }
        out.append("\nThe full pipelines' records/s count their input (predictions and ground truth) over the time until "
                + "every application has drained its inputs and repartition topics: the fused pipeline and alerting; with "
                + "topics off, ingest writes neither the validated nor the labelled topic; chained, the four processors "
                + "read each other's topics. CPU is the whole process's (broker included).\n");
        return out.toString();
    }
}
