package io.driftwatch.benchmarks;

import io.driftwatch.app.Pipeline;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.kafka.EmbeddedKafkaBroker;
import io.driftwatch.runtime.streams.PerRecordPipeline;
import io.driftwatch.runtime.streams.StreamsRunner;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicProvisioner;
import io.driftwatch.runtime.topics.TopicSpec;
import io.driftwatch.schemas.registry.server.EmbeddedSchemaRegistry;
import io.driftwatch.schemas.serde.AvroSerdes;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * A hot model is not bound to one partition (this 2-core machine cannot show throughput growing
 * with threads, so this shows the mechanism): the fused pipeline on the standard mix (one model
 * takes 80 % of the traffic) with 1 partition and 1 stream thread, then with 4 partitions and 2
 * stream threads. For each, how the records split over the stream threads (Kafka Streams'
 * per-thread process counts: the summarising sub-topology's input records, plus the merges' few
 * thousand partials), and the stream threads' CPU per record.
 */
@Command(name = "hot-model-benchmark", mixinStandardHelpOptions = true,
        description = "Shows a hot model's records summarised on every stream thread, at the same CPU per record.")
public final class HotModelBenchmark implements Callable<Integer> {

    private static final List<TopicSpec<String, ?>> RAW = List.of(TopicCatalogue.PREDICTIONS, TopicCatalogue.GROUND_TRUTH);

    @Mixin
    InputOptions input;

    private record Run(int partitions, int threads, DrainMeasurement.Result result, Map<String, Double> recordsByThread,
                       double streamThreadCpuSeconds) {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new HotModelBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        TrustedAvroPackages.trustEvents();
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        List<Run> runs = new ArrayList<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder()
                     .kafka(Map.of("bootstrap.servers", broker.bootstrapServers())).start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            for (int[] shape : new int[][] {{1, 1}, {4, 2}}) {
                int partitions = shape[0];
                input.threads = shape[1];
                String run = "hot" + partitions;
                TopicCatalogue topics = new TopicCatalogue(run + ".",
                        AvroSerdes.fromConfig(Map.of("schema.registry.url", registry.url())));
                new TopicProvisioner(admin, topics, partitions, Optional.empty()).provision(TopicCatalogue.ALL);
                long records = BenchmarkInput.preload(broker.bootstrapServers(), topics, RAW, input.events,
                        input.labelShare, input.seed);
                DriftwatchConfig config = input.config(broker.bootstrapServers(), registry.url(), run, run + ".", Map.of());
                System.out.printf("Running the fused pipeline on %d partition(s) with %d stream thread(s) ...%n",
                        partitions, input.threads);
                Map<String, Double> byThread = new TreeMap<>();
                double[] cpu = new double[1];
                DrainMeasurement.Result result = DrainMeasurement.run(run, List.of(Pipeline.perRecord()), config, topics,
                        admin, app -> BenchmarkInput.inputEnds(admin, topics, app), records, runner -> {
                            byThread.putAll(summarisedByThread(runner));
                            cpu[0] = streamThreadCpuSeconds(config.applicationId(PerRecordPipeline.NAME));
                        });
                runs.add(new Run(partitions, input.threads, result, byThread, cpu[0]));
            }
        }
        input.publish(report(runs));
        return 0;
    }

    /** Records processed per stream thread (Kafka Streams' process-total of each thread). */
    private static Map<String, Double> summarisedByThread(StreamsRunner runner) {
        Map<String, Double> byThread = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> metric : runner.streams(PerRecordPipeline.NAME).metrics().entrySet()) {
            MetricName name = metric.getKey();
            if (name.group().equals("stream-thread-metrics") && name.name().equals("process-total")) {
                String thread = name.tags().get("thread-id");
                byThread.merge(thread.substring(thread.lastIndexOf("StreamThread")), (Double) metric.getValue().metricValue(),
                        Double::sum);
            }
        }
        return byThread;
    }

    /** CPU time of this application's stream threads so far (they start with the application). */
    private static double streamThreadCpuSeconds(String applicationId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(applicationId) && info.getThreadName().contains("StreamThread")) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos / 1e9;
    }

    private String report(List<Run> runs) {
        StringBuilder out = new StringBuilder();
        out.append(BenchmarkReport.heading("###", "a hot model on 1 partition and on 4 partitions with 2 threads (fused)"));
        out.append("Command: `mvn -B -q install -DskipTests && mvn -B -q -pl benchmarks exec:exec ")
                .append("-Dbench.main=io.driftwatch.benchmarks.HotModelBenchmark -Dbench.args=\"").append(input.arguments())
                .append("\"` (the thread counts are the benchmark's own: 1, then 2)\n\n");
        out.append(String.format("Input per run: %,d predictions (20 numeric + 5 categorical features, 3 models, one at "
                + "80 %%) and ground truth for %.0f %%; %s.%n%n",
                input.events, input.labelShare * 100, input.guarantee));
        out.append("| partitions | stream threads | records/s | stream-thread CPU µs per record | records processed per "
                + "thread (share) |\n|---:|---:|---:|---:|---|\n");
        for (Run run : runs) {
            double total = run.recordsByThread().values().stream().mapToDouble(Double::doubleValue).sum();
            StringBuilder shares = new StringBuilder();
            run.recordsByThread().forEach((thread, count) -> shares.append(shares.length() == 0 ? "" : ", ")
                    .append(String.format("%s: %,.0f (%.1f %%)", thread, count, 100 * count / total)));
            out.append(String.format("| %d | %d | %,.0f | %.1f | %s |%n", run.partitions(), run.threads(),
                    run.result().recordsPerSecond(), 1e6 * run.streamThreadCpuSeconds() / run.result().inputRecords(),
                    shares));
        }
        return out.toString();
    }
}
