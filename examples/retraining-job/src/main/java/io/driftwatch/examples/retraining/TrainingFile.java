package io.driftwatch.examples.retraining;

import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.RetrainingTrigger;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A training file: one CSV row per labelled prediction — its event time, every feature (numeric,
 * then categorical, by name; empty where absent) and the label (actual label, else actual value).
 * Written to a temporary file and moved into place, so that a crash never leaves half a file.
 */
final class TrainingFile {

    private TrainingFile() {
    }

    static Path write(Path directory, RetrainingTrigger trigger, List<LabeledPrediction> rows) throws IOException {
        TreeSet<String> numeric = new TreeSet<>();
        TreeSet<String> categorical = new TreeSet<>();
        for (LabeledPrediction row : rows) {
            numeric.addAll(row.getPrediction().getNumericFeatures().keySet());
            categorical.addAll(row.getPrediction().getCategoricalFeatures().keySet());
        }
        String name = trigger.getModelId() + "-" + Integer.toHexString(trigger.getIdempotencyKey().hashCode()) + ".csv";
        Path file = directory.resolve(name);
        Path partial = directory.resolve(name + ".partial");
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            List<String> header = new ArrayList<>(List.of("event_time"));
            header.addAll(numeric);
            header.addAll(categorical);
            header.add("label");
            out.write(line(header));
            for (LabeledPrediction row : rows) {
                List<String> fields = new ArrayList<>(List.of(row.getPrediction().getEventTime().toString()));
                numeric.forEach(f -> fields.add(text(row.getPrediction().getNumericFeatures().get(f))));
                categorical.forEach(f -> fields.add(text(row.getPrediction().getCategoricalFeatures().get(f))));
                String label = row.getGroundTruth().getActualLabel();
                fields.add(label != null ? label : text(row.getGroundTruth().getActualValue()));
                out.write(line(fields));
            }
        }
        return Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    static String line(List<String> fields) {
        List<String> quoted = new ArrayList<>();
        for (String field : fields) {
            boolean quote = field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r");
            quoted.add(quote ? "\"" + field.replace("\"", "\"\"") + "\"" : field);
        }
        return String.join(",", quoted) + "\n";
    }
}
