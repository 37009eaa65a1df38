package io.driftwatch.app;

import io.driftwatch.events.MulticlassReferencePerformance;
import io.driftwatch.events.ReferencePerformance;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.TaskType;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code driftwatch profile}: a reference profile from training data in CSV, published for the drift detector. */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Builds a model version's reference profile from training data in CSV (streaming, constant memory) "
                + "and publishes it to the reference-profiles topic.")
final class ProfileCommand implements Callable<Integer> {

    private static final Map<String, TaskType> TASKS = Map.of("binary_classification", TaskType.BINARY_CLASSIFICATION,
            "multiclass_classification", TaskType.MULTICLASS_CLASSIFICATION, "regression", TaskType.REGRESSION,
            "unknown", TaskType.UNKNOWN);

    @Option(names = "--config", required = true, description = "The YAML configuration: cluster, registry, topic prefix.")
    Path config;

    @Option(names = "--model", required = true, description = "Model id.")
    String model;

    @Option(names = "--model-version", required = true, description = "Model version.")
    String version;

    @Option(names = "--csv", required = true, description = "Training data: a header row, then one row per example.")
    Path csv;

    @Option(names = "--label", description = "The target column, left out of the features.")
    String label;

    @Option(names = "--prediction", description = "The model's output column: a score when numeric, a predicted label otherwise.")
    String prediction;

    @Option(names = "--numeric", split = ",", paramLabel = "COLUMN",
            description = "Columns to profile as numbers whatever they hold (non-numbers count as missing); comma-separated.")
    Set<String> numeric = Set.of();

    @Option(names = "--categorical", split = ",", paramLabel = "COLUMN",
            description = "Columns to profile as categories whatever they hold; comma-separated.")
    Set<String> categorical = Set.of();

    @Option(names = "--task", defaultValue = "unknown",
            description = "binary_classification, multiclass_classification, regression or unknown (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--positive-label", defaultValue = "1", description = "For binary_classification with --label and a "
            + "numeric --prediction: the label value the score is the probability of; the profile then holds the "
            + "model's performance and score calibration, for estimated performance (default: ${DEFAULT-VALUE}).")
    String positiveLabel;

    @Option(names = "--probability-prefix", paramLabel = "PREFIX", description = "For multiclass_classification with "
            + "--label and --prediction (the predicted label): the columns starting with PREFIX hold each class's "
            + "probability, the class label following it (e.g. proba_setosa); the profile then holds the model's "
            + "performance and per-class calibration, for estimated performance.")
    String probabilityPrefix;

    @Option(names = "--max-categories", defaultValue = "1000", description = "Categories kept per categorical column (default: ${DEFAULT-VALUE}).")
    int maxCategories;

    @Option(names = "--dry-run", description = "Build and summarise the profile without publishing it.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TaskType taskType = TASKS.get(task.toLowerCase(Locale.ROOT));
        if (taskType == null) {
            throw new IllegalArgumentException("--task: expected one of " + TASKS.keySet() + ", got " + task);
        }
        DriftwatchConfig settings = DriftwatchConfig.load(config, System.getenv());
        if (!Files.isReadable(csv)) {
            throw new IllegalArgumentException("cannot read the CSV file " + csv);
        }
        PrintWriter out = spec.commandLine().getOut();
        CsvProfiler.Result result;
        long size = Files.size(csv);
        try (CountingInputStream bytes = new CountingInputStream(Files.newInputStream(csv));
             BufferedReader reader = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8))) {
            result = CsvProfiler.profile(reader, model, version, taskType, maxCategories,
                    new CsvProfiler.Columns(label, prediction, numeric, categorical, positiveLabel,
                            probabilityPrefix), rows -> {
                out.printf("  %3.0f%% · %,d rows profiled%n", 100.0 * bytes.count / Math.max(size, 1), rows);
                out.flush();
            });
        }
        ReferenceProfile profile = result.profile();
        out.printf("Profiled %,d rows of %s: %d numeric and %d categorical features%s%s.%n", result.rows(), csv,
                profile.getNumericFeatures().size(), profile.getCategoricalFeatures().size(),
                profile.getScore() == null ? "" : ", the score", profile.getPredictedLabel() == null ? "" : ", the predicted label");
        ReferencePerformance performance = profile.getPerformance();
        if (performance != null) {
            out.printf("Performance on the reference (%,d labelled rows, positive class '%s'): accuracy %.3f%s; %s.%n",
                    performance.getSampleCount(), performance.getPositiveLabel(), performance.getAccuracy(),
                    performance.getRocAuc() == null ? "" : String.format(", ROC AUC %.3f", performance.getRocAuc()),
                    performance.getCalibration() != null
                            ? String.format("scores calibrated (isotonic, %d steps; held-out calibration error %.3f, raw %.3f)",
                                    performance.getCalibration().getThresholds().size(),
                                    performance.getCalibratedCalibrationError(), performance.getRawCalibrationError())
                            : performance.getCalibratedCalibrationError() == null ? "one class only: raw scores kept"
                            : String.format("raw scores kept (calibration error %.3f; isotonic would be %.3f held out)",
                                    performance.getRawCalibrationError(), performance.getCalibratedCalibrationError()));
        }
        MulticlassReferencePerformance multiclass = profile.getMulticlassPerformance();
        if (multiclass != null) {
            long calibrated = multiclass.getClasses().stream().filter(c -> c.getCalibration() != null).count();
            out.printf("Performance on the reference (%,d labelled rows, %d classes): accuracy %.3f; probabilities of "
                            + "%d of the classes calibrated (isotonic, one-vs-rest, renormalised), the others' raw.%n",
                    multiclass.getSampleCount(), multiclass.getClasses().size(), multiclass.getAccuracy(), calibrated);
        }
        if (result.badRows() + result.badValues() > 0) {
            out.printf("%,d bad rows left out and %,d bad values counted as missing; the first:%n", result.badRows(),
                    result.badValues());
            result.problems().forEach(p -> out.println("  " + p));
        }
        if (dryRun) {
            out.println("Dry run: not published.");
            return 0;
        }
        String topic = publish(settings, profile);
        out.printf("Published to %s under %s/%s.%n", topic, model, version);
        return 0;
    }

    /** Counts the bytes read, for the progress of a large file. */
    private static final class CountingInputStream extends FilterInputStream {

        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count += Math.max(n, 0);
            return n;
        }
    }

    /** Publishes a profile under {@code model/version}; returns the topic. */
    static String publish(DriftwatchConfig config, ReferenceProfile profile) throws Exception {
        TrustedAvroPackages.trustEvents();
        TopicCatalogue topics = TopicCatalogue.of(config);
        String topic = topics.name(TopicCatalogue.REFERENCE_PROFILES);
        Map<String, Object> props = new HashMap<>(config.kafka());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, ReferenceProfile> producer = new KafkaProducer<>(props, new StringSerializer(),
                topics.valueSerde(TopicCatalogue.REFERENCE_PROFILES).serializer())) {
            producer.send(new ProducerRecord<>(topic, profile.getModelId() + "/" + profile.getModelVersion(), profile)).get();
        }
        return topic;
    }
}
