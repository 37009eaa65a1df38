package io.driftwatch.benchmarks;

import io.driftwatch.alerting.AlertingTopology;
import io.driftwatch.app.Pipeline;
import io.driftwatch.drift.DriftTopology;
import io.driftwatch.events.Alert;
import io.driftwatch.events.AlertState;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.ingest.IngestTopology;
import io.driftwatch.metrics.MetricsTopology;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.kafka.EmbeddedKafkaBroker;
import io.driftwatch.runtime.streams.Health;
import io.driftwatch.runtime.streams.StreamsRunner;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicProvisioner;
import io.driftwatch.schemas.registry.server.EmbeddedSchemaRegistry;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Alert latency of the full pipeline in real time: predictions at a fixed rate with the wall clock
 * as event time, whose serving latency is high in every other metric window, so that a latency rule
 * fires and resolves once per window pair. For each alert record, the latency is its arrival on the
 * alerts topic (read_committed) minus the moment its window could close (window end + grace).
 */
@Command(name = "alert-latency-benchmark", mixinStandardHelpOptions = true,
        description = "Measures the time from a window's close to its alert on the alerts topic, in a real-time run.")
public final class AlertLatencyBenchmark implements Callable<Integer> {

    @Option(names = "--rate", defaultValue = "2000", description = "Predictions per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "180", description = "Seconds of traffic (default: ${DEFAULT-VALUE}).")
    int duration;

    @Option(names = "--window", defaultValue = "10", description = "Metric window in seconds (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--grace", defaultValue = "1", description = "Metric grace in seconds (default: ${DEFAULT-VALUE}).")
    int grace;

    @Option(names = "--flush-interval", defaultValue = "1000",
            description = "Milliseconds between the metric aggregator's partial flushes (default: ${DEFAULT-VALUE}).")
    int flushInterval;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--models", defaultValue = "3",
            description = "Models: 3 (one at 80 %%) or more (Zipf-distributed traffic) (default: ${DEFAULT-VALUE}).")
    int models;

    @Option(names = "--record", description = "Append the results, with the machine and command, to this Markdown file.")
    Path record;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AlertLatencyBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        TrustedAvroPackages.trustEvents();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(tmp);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder()
                     .kafka(Map.of("bootstrap.servers", broker.bootstrapServers())).start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            DriftwatchConfig config = DriftwatchConfig.fromMap(Map.of(
                    "kafka", Map.of("bootstrap.servers", broker.bootstrapServers()),
                    "schema-registry", Map.of("url", registry.url()),
                    "topics", Map.of("partitions", partitions),
                    "processing", Map.of("application-id-prefix", "latency", "state-dir",
                            Files.createTempDirectory(tmp, "latency-state-").toString()),
                    "metrics", Map.of("window", window + "s", "grace", grace + "s", "flush-interval", flushInterval + "ms"),
                    "alerting", Map.of("resolve-after", 1, "rules", List.of(
                            Map.of("id", "slow", "when", "latency_p95_ms > 100")))), Map.of());
            TopicCatalogue topics = TopicCatalogue.of(config);
            new TopicProvisioner(admin, topics, partitions, Optional.empty()).provision(TopicCatalogue.ALL);
            List<Double> fromClose = Collections.synchronizedList(new ArrayList<>());
            long cpu;
            try (StreamsRunner runner = new StreamsRunner(config, topics, new SimpleMeterRegistry())) {
                runner.start(List.of(Pipeline.perRecord(), new AlertingTopology()));
                while (runner.health().status() != Health.Status.UP) {
                    Thread.sleep(50);
                }
                AtomicBoolean stop = new AtomicBoolean();
                Thread reader = new Thread(() -> readAlerts(config, topics, stop, fromClose), "alert-reader");
                reader.start();
                long cpuBefore = DrainMeasurement.processCpuNanos();
                produce(config, topics);
                Thread.sleep(TimeUnit.SECONDS.toMillis(window + grace + 5)); // the last window's alert
                cpu = DrainMeasurement.processCpuNanos() - cpuBefore;
                stop.set(true);
                reader.join();
            }
            BenchmarkReport.publish(report(fromClose, cpu / 1e9), record);
        }
        return 0;
    }

    /** Predictions at the fixed rate, event time = now; serving latency 200 ms in odd windows, 20 ms in even ones. */
    private void produce(DriftwatchConfig config, TopicCatalogue topics) throws InterruptedException {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().get("bootstrap.servers"),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5);
        BenchmarkEvents events = new BenchmarkEvents(1, models);
        long begin = System.nanoTime();
        long total = (long) rate * duration;
        try (KafkaProducer<String, PredictionEvent> producer = new KafkaProducer<>(props, new StringSerializer(),
                topics.valueSerde(TopicCatalogue.PREDICTIONS).serializer())) {
            for (long n = 0; n < total; n++) {
                long due = begin + n * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 1_000_000) {
                    Thread.sleep(wait / 1_000_000);
                }
                Instant now = Instant.now();
                boolean slow = (now.getEpochSecond() / window) % 2 == 1;
                PredictionEvent p = events.prediction(n, now);
                p.setServingLatencyMs(slow ? 200.0 : 20.0);
                producer.send(new ProducerRecord<>(topics.name(TopicCatalogue.PREDICTIONS), null, now.toEpochMilli(),
                        p.getPredictionId(), p));
                if (n % ((long) rate * 30) == 0 && n > 0) {
                    System.out.printf("  %,d predictions%n", n);
                }
            }
        }
    }

    private void readAlerts(DriftwatchConfig config, TopicCatalogue topics, AtomicBoolean stop, List<Double> fromClose) {
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().get("bootstrap.servers"),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.GROUP_ID_CONFIG, "alert-latency", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), topics.valueSerde(TopicCatalogue.ALERTS).deserializer())) {
            consumer.subscribe(List.of(topics.name(TopicCatalogue.ALERTS)));
            while (!stop.get()) {
                for (ConsumerRecord<String, Alert> r : consumer.poll(Duration.ofMillis(20))) {
                    long arrived = System.currentTimeMillis();
                    Alert a = r.value();
                    // The window that caused the record ends at starts_at (firing) or ends_at (resolved).
                    Instant windowEnd = a.getState() == AlertState.FIRING ? a.getStartsAt() : a.getEndsAt();
                    double latency = (arrived - windowEnd.toEpochMilli() - grace * 1000L) / 1000.0;
                    fromClose.add(latency);
                    System.out.printf("  %s %s: %.3f s after its window closed%n", a.getState(), a.getRuleId(), latency);
                }
            }
        }
    }

    /** @param cpuSeconds the whole process's CPU time (broker included) from the first prediction to the end */
    private String report(List<Double> fromClose, double cpuSeconds) {
        List<Double> sorted = new ArrayList<>(fromClose);
        Collections.sort(sorted);
        StringBuilder out = new StringBuilder();
        out.append(BenchmarkReport.heading("###", "alert latency of the full pipeline in real time"));
        out.append("Command: `mvn -B -q install -DskipTests && mvn -B -q -pl benchmarks exec:exec ")
                .append("-Dbench.main=io.driftwatch.benchmarks.AlertLatencyBenchmark -Dbench.args=\"--rate ").append(rate)
                .append(" --duration ").append(duration).append(" --window ").append(window).append(" --grace ").append(grace)
                .append(" --flush-interval ").append(flushInterval)
                .append(" --partitions ").append(partitions).append(" --models ").append(models)
                .append(record == null ? "" : " --record " + record)
                .append("\"`\n\n");
        out.append(String.format("The fused per-record pipeline and alerting (exactly-once, commit interval 100 ms, metric flush "
                + "interval %d ms), %d models, %,d predictions/s for %d s with the wall clock as event time, %d s metric "
                + "windows with %d s grace; the "
                + "serving latency is high in every other window, so the rule `latency_p95_ms > 100` (resolve-after 1) fires "
                + "and resolves once per window pair. Latency: arrival on the alerts topic (read_committed) − (window end + "
                + "grace).%n%n", flushInterval, models, rate, duration, window, grace));
        if (sorted.isEmpty()) {
            out.append("No alert arrived.\n");
            return out.toString();
        }
        out.append("| alert records | p50 s | p99 s | max s | min s | process CPU s |\n|---:|---:|---:|---:|---:|---:|\n");
        out.append(String.format("| %d | %.3f | %.3f | %.3f | %.3f | %.1f |%n", sorted.size(), quantile(sorted, 0.5),
                quantile(sorted, 0.99), sorted.get(sorted.size() - 1), sorted.get(0), cpuSeconds));
        return out.toString();
    }

    /** Nearest-rank quantile. */
    private static double quantile(List<Double> sorted, double q) {
        return sorted.get(Math.max(0, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
