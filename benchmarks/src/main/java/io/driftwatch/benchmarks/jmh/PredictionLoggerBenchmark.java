package io.driftwatch.benchmarks.jmh;

import io.driftwatch.client.LoggerSettings;
import io.driftwatch.client.PredictionLogger;
import io.driftwatch.runtime.kafka.EmbeddedKafkaBroker;
import io.driftwatch.schemas.registry.server.EmbeddedSchemaRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What {@code PredictionLogger.prediction(…)…log()} costs the serving thread (percentiles in
 * SampleTime mode), with a broker and registry up (an embedded KRaft broker in this JVM) and with
 * both down (nothing listening: once the buffer is full, every call drops and counts).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PredictionLoggerBenchmark {

    @Param({"up", "down"})
    public String broker;

    private EmbeddedKafkaBroker kafka;
    private EmbeddedSchemaRegistry registry;
    private PredictionLogger logger;
    private long next;

    @Setup(Level.Trial)
    public void start() throws Exception {
        LoggerSettings settings;
        if (broker.equals("up")) {
            kafka = EmbeddedKafkaBroker.start();
            registry = EmbeddedSchemaRegistry.builder().kafka(kafka.adminProperties()).start();
            try (Admin admin = Admin.create(kafka.adminProperties())) {
                admin.createTopics(List.of(new NewTopic("driftwatch.predictions.v1", 4, (short) 1))).all().get();
            }
            settings = LoggerSettings.builder(kafka.bootstrapServers(), registry.url()).build();
        } else {
            settings = LoggerSettings.builder("127.0.0.1:1", "http://127.0.0.1:2").build();
        }
        logger = new PredictionLogger(settings);
    }

    @Benchmark
    public boolean log() {
        long id = next++;
        return logger.prediction("req-" + id).model("churn", "3").numeric("tenure_months", id % 48)
                .numeric("monthly_spend", 42.5).categorical("plan", "pro").categorical("channel", "web")
                .score(0.82).label("1").segment("country", "DE").latencyMs(12.5).log();
    }

    @TearDown(Level.Trial)
    public void stop() {
        logger.close(Duration.ofSeconds(5));
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
