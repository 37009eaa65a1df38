package io.driftwatch.app;

import io.driftwatch.app.simulate.Scenario;
import io.driftwatch.app.simulate.ServingSimulator;
import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code driftwatch simulate}: the simulated serving app against any cluster. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Publishes the predictions and delayed ground truth of a simulated online shop (a purchase-propensity "
                + "classifier and a basket-value regressor) to the cluster of a configuration file.")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "The YAML configuration: cluster, registry, topic prefix.")
    Path config;

    @Option(names = "--rate", defaultValue = "100", description = "Visits per second; each is two predictions (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long to run, wall clock, e.g. 90s, 10m, 2h (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--speed", defaultValue = "1",
            description = "Simulated seconds per second; above 1 the run starts that far in the past (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulated visits (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scenario", description = "A drift scenario file (YAML, see docs/simulator.md); default: no drift.")
    Path scenario;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DriftwatchConfig settings = DriftwatchConfig.load(config, System.getenv());
        Scenario story = scenario == null ? Scenario.clean() : Scenario.load(scenario);
        ServingSimulator.Settings run = settings(seed, "sim-" + UUID.randomUUID().toString().substring(0, 8), rate, speed,
                duration, story, Duration.ofSeconds(1));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Simulating %s of visits at %.0f/s (%s of shop time from %s)%n", DemoRun.human(duration), rate,
                DemoRun.human(run.span()), run.start());
        ServingSimulator.Progress end = simulate(settings, run, Duration.ofSeconds(5), p -> {
            out.println(describe(p));
            out.flush();
        });
        out.printf("Done: %,d predictions and %,d labels published; %,d labels were not due yet.%n", end.predictions(),
                end.labels(), end.labelsNotDue());
        return 0;
    }

    /**
     * Settings whose simulated time ends by now, so that no event lies in the future, and starts
     * on a multiple of {@code align} (a window length, so that phases begin on window boundaries).
     */
    static ServingSimulator.Settings settings(long seed, String runId, double rate, double speed, Duration duration,
                                              Scenario scenario, Duration align) {
        long start = Instant.now().minus(ServingSimulator.span(duration, speed)).toEpochMilli();
        return new ServingSimulator.Settings(seed, runId, rate, speed, duration,
                Instant.ofEpochMilli(start - Math.floorMod(start, align.toMillis())), scenario);
    }

    /** Runs the simulator against the configuration's cluster (acks=all, idempotent producers). */
    static ServingSimulator.Progress simulate(DriftwatchConfig config, ServingSimulator.Settings run, Duration progressEvery,
                                              Consumer<ServingSimulator.Progress> progress) throws Exception {
        TrustedAvroPackages.trustEvents();
        TopicCatalogue topics = TopicCatalogue.of(config);
        Map<String, Object> props = new HashMap<>(config.kafka());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, PredictionEvent> predictions = new KafkaProducer<>(props, new StringSerializer(),
                topics.valueSerde(TopicCatalogue.PREDICTIONS).serializer());
             KafkaProducer<String, GroundTruthEvent> labels = new KafkaProducer<>(props, new StringSerializer(),
                     topics.valueSerde(TopicCatalogue.GROUND_TRUTH).serializer())) {
            return new ServingSimulator(run, predictions, topics.name(TopicCatalogue.PREDICTIONS), labels,
                    topics.name(TopicCatalogue.GROUND_TRUTH)).run(progressEvery, progress);
        }
    }

    static String describe(ServingSimulator.Progress p) {
        return String.format("  %,d predictions, %,d labels · shop time %s · %s · %.0f predictions/s", p.predictions(),
                p.labels(), p.simulatedTime().toString().substring(11, 16), p.phase(), p.predictions() / p.elapsedSeconds());
    }
}
