package io.driftwatch.benchmarks;

import io.driftwatch.alerting.AlertingTopology;
import io.driftwatch.app.Pipeline;
import io.driftwatch.drift.profile.ProfileBuilder;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.TaskType;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.kafka.EmbeddedKafkaBroker;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicProvisioner;
import io.driftwatch.runtime.topics.TopicSpec;
import io.driftwatch.schemas.registry.server.EmbeddedSchemaRegistry;
import io.driftwatch.schemas.serde.AvroSerdes;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Many models: the default deployment (the fused pipeline and alerting) on the same number of
 * events spread over 3 models (one at 80 %) and over N models with Zipf-distributed traffic, each
 * with its own reference profile, in one process run; each on its own copy of the input.
 */
@Command(name = "models-benchmark", mixinStandardHelpOptions = true,
        description = "Measures the fused pipeline with 3 models and with many (Zipf-distributed traffic) on the same "
                + "number of events.")
public final class ModelsBenchmark implements Callable<Integer> {

    private static final List<TopicSpec<String, ?>> RAW = List.of(TopicCatalogue.PREDICTIONS, TopicCatalogue.GROUND_TRUTH);
    /** Predictions summarised into each model's reference profile. */
    private static final int REFERENCE_ROWS = 2_000;

    @Mixin
    InputOptions input;

    @Option(names = "--model-counts", split = ",", defaultValue = "3,50,200",
            description = "How many models, one run each (default: ${DEFAULT-VALUE}).")
    List<Integer> modelCounts;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ModelsBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        TrustedAvroPackages.trustEvents();
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        List<DrainMeasurement.Result> results = new ArrayList<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder()
                     .kafka(Map.of("bootstrap.servers", broker.bootstrapServers())).start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            for (int models : modelCounts) {
                String run = "models" + models;
                TopicCatalogue topics = new TopicCatalogue(run + ".",
                        AvroSerdes.fromConfig(Map.of("schema.registry.url", registry.url())));
                new TopicProvisioner(admin, topics, input.partitions, Optional.empty()).provision(TopicCatalogue.ALL);
                publishReferences(broker.bootstrapServers(), topics, models);
                long records = BenchmarkInput.preload(broker.bootstrapServers(), topics, RAW, input.events,
                        input.labelShare, input.seed, models);
                System.out.printf("Running the fused pipeline with %d models ...%n", models);
                DriftwatchConfig config = input.config(broker.bootstrapServers(), registry.url(), run, run + ".", Map.of());
                results.add(DrainMeasurement.run(models + " models", List.of(Pipeline.perRecord(), new AlertingTopology()),
                        config, topics, admin, app -> BenchmarkInput.inputEnds(admin, topics, app), records));
            }
        }
        input.publish(report(results));
        return 0;
    }

    /** Each model's reference profile, from predictions of its own, on the profile topic before the run. */
    private void publishReferences(String bootstrap, TopicCatalogue topics, int models) {
        BenchmarkEvents events = new BenchmarkEvents(input.seed + 1, models);
        String topic = topics.name(TopicCatalogue.REFERENCE_PROFILES);
        Serializer<ReferenceProfile> serializer = topics.valueSerde(TopicCatalogue.REFERENCE_PROFILES).serializer();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(),
                new ByteArraySerializer())) {
            for (int k = 0; k < models; k++) {
                String model = models == 3 ? List.of("propensity", "basket", "churn").get(k) : BenchmarkEvents.modelId(k);
                ProfileBuilder builder = new ProfileBuilder(model, "1", ProfileSource.TRAINING_DATA,
                        TaskType.BINARY_CLASSIFICATION, ProfileBuilder.DEFAULT_MAX_CATEGORIES);
                for (int n = 0; n < REFERENCE_ROWS; n++) {
                    PredictionEvent p = events.prediction(n, Instant.EPOCH, model);
                    builder.add(p.getNumericFeatures(), p.getCategoricalFeatures(), p.getScore(), p.getPredictedLabel(), null);
                }
                producer.send(new ProducerRecord<>(topic, model + "/1",
                        serializer.serialize(topic, builder.build(Instant.now()))));
            }
        }
    }

    private String report(List<DrainMeasurement.Result> results) {
        DrainMeasurement.Result base = results.get(0);
        StringBuilder out = new StringBuilder();
        out.append(BenchmarkReport.heading("###", "the fused pipeline with few and with many models"));
        out.append("Command: `mvn -B -q install -DskipTests && mvn -B -q -pl benchmarks exec:exec ")
                .append("-Dbench.main=io.driftwatch.benchmarks.ModelsBenchmark -Dbench.args=\"").append(input.arguments())
                .append(" --model-counts ").append(String.join(",", modelCounts.stream().map(String::valueOf).toList()))
                .append("\"`\n\n");
        out.append(String.format("Input per run: %,d predictions (20 numeric + 5 categorical features; 3 models: one at "
                + "80 %%; more: Zipf-distributed traffic, exponent 1) and ground truth for %.0f %%; every model with its own "
                + "reference profile; %d partitions, %d stream thread(s); %s; the fused pipeline and alerting.%n%n",
                input.events, input.labelShare * 100, input.partitions, input.threads, input.guarantee));
        out.append("| models | records/s | seconds | CPU s per M records | peak heap MiB | state on disk MiB "
                + "| × first run's records/s |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        for (DrainMeasurement.Result r : results) {
            out.append(String.format("| %s | %,.0f | %.1f | %.1f | %,.0f | %,.1f | %.2f |%n", r.name().split(" ")[0],
                    r.recordsPerSecond(), r.seconds(), r.cpuSecondsPerMillion(), r.peakHeapBytes() / 1048576.0,
                    r.stateBytes() / 1048576.0, r.recordsPerSecond() / base.recordsPerSecond()));
        }
        return out.toString();
    }
}
