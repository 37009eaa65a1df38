package io.driftwatch.app;

import io.driftwatch.drift.profile.ProfileBuilder;
import io.driftwatch.drift.profile.ProfileFitter;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.TaskType;
import io.driftwatch.metrics.estimation.MulticlassReferenceBuilder;
import io.driftwatch.metrics.estimation.ReferencePerformanceBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a reference profile from training data in CSV (a header row, then one row per example),
 * streaming in constant memory. Column types are inferred from the first {@value #SAMPLE} rows: a
 * column is numeric when every non-empty value there is a number, categorical when most are not;
 * one mostly of numbers with a few others is not guessed at: the profile is refused, naming the
 * column and lines, until {@code --numeric} or {@code --categorical} says which. A row with the
 * wrong number of fields or an unbalanced quote is bad: counted, reported with its line number, and
 * left out; a value that is not a number in a numeric column is bad too and counts as missing. A
 * byte-order mark is dropped; an empty or header-only file and a header naming a column twice are
 * refused. For a binary classifier with a label and a numeric prediction (its score), the profile
 * also holds its performance and score calibration ({@link ReferencePerformanceBuilder}), the
 * score predicting the positive class from 0.5; for a multiclass classifier with a label, a
 * predicted label and a column per class's probability, its performance and per-class
 * calibrations ({@link MulticlassReferenceBuilder}).
 */
final class CsvProfiler {

    static final int SAMPLE = 1_000;
    private static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final int REPORTED = 10;

    /** What the profiling found besides the profile. */
    record Result(ReferenceProfile profile, long rows, long badRows, long badValues, List<String> problems) {
    }

    /**
     * The roles of columns.
     *
     * @param label       the training target, left out of the features; null when there is none
     * @param prediction  the model's output: a score when numeric, a predicted label otherwise; null when none
     * @param numeric     columns profiled as numbers whatever they hold (non-numbers count as missing)
     * @param categorical columns profiled as categories whatever they hold
     * @param positiveLabel the label's value that is the positive class of a binary classifier
     * @param probabilityPrefix a multiclass classifier's probability columns start with it, the
     *                          class label following (e.g. {@code proba_setosa}); null when none
     */
    record Columns(String label, String prediction, Set<String> numeric, Set<String> categorical, String positiveLabel,
                   String probabilityPrefix) {

        Columns {
            numeric = Set.copyOf(numeric);
            categorical = Set.copyOf(categorical);
            Set<String> both = new TreeSet<>(numeric);
            both.retainAll(categorical);
            if (!both.isEmpty()) {
                throw new IllegalArgumentException("--numeric and --categorical both name " + both);
            }
        }

        static Columns of(String label, String prediction) {
            return new Columns(label, prediction, Set.of(), Set.of(), "1", null);
        }

        /** Whether {@code column} holds a class's probability. */
        boolean isProbability(String column) {
            return probabilityPrefix != null && column.startsWith(probabilityPrefix)
                    && column.length() > probabilityPrefix.length();
        }
    }

    private CsvProfiler() {
    }

    /** @param progress told the rows profiled so far, every 100 000 rows */
    static Result profile(BufferedReader csv, String modelId, String modelVersion, TaskType task, int maxCategories,
                          Columns roles, LongConsumer progress) throws IOException {
        String labelColumn = roles.label();
        String predictionColumn = roles.prediction();
        String header = csv.readLine();
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException("the CSV is empty: expected a header row");
        }
        if (header.startsWith(BYTE_ORDER_MARK)) {
            header = header.substring(1);
        }
        List<String> columns = parse(header);
        if (columns == null) {
            throw new IllegalArgumentException("line 1 (the header) has an unbalanced quote");
        }
        for (int c = 0; c < columns.size(); c++) {
            int first = columns.indexOf(columns.get(c));
            if (first != c) {
                throw new IllegalArgumentException("the header names column '" + columns.get(c) + "' twice (columns "
                        + (first + 1) + " and " + (c + 1) + "): rename one");
            }
        }
        List<String> named = new ArrayList<>(roles.numeric());
        named.addAll(roles.categorical());
        named.add(labelColumn);
        named.add(predictionColumn);
        for (String required : named) {
            if (required != null && !columns.contains(required)) {
                throw new IllegalArgumentException("no column '" + required + "' in the header " + columns);
            }
        }
        ProfileBuilder builder = new ProfileBuilder(modelId, modelVersion, ProfileSource.TRAINING_DATA, task, maxCategories);
        ReferencePerformanceBuilder performance = task == TaskType.BINARY_CLASSIFICATION && labelColumn != null
                && predictionColumn != null ? new ReferencePerformanceBuilder(roles.positiveLabel()) : null;
        MulticlassReferenceBuilder multiclass = null;
        if (roles.probabilityPrefix() != null) {
            if (task != TaskType.MULTICLASS_CLASSIFICATION || labelColumn == null || predictionColumn == null) {
                throw new IllegalArgumentException("--probability-prefix needs --task multiclass_classification, --label "
                        + "and --prediction (the predicted label)");
            }
            if (columns.stream().noneMatch(roles::isProbability)) {
                throw new IllegalArgumentException("no column starts with the probability prefix '"
                        + roles.probabilityPrefix() + "' in the header " + columns);
            }
            multiclass = new MulticlassReferenceBuilder();
        }
        Outcomes outcomes = new Outcomes(performance, multiclass);
        List<String> problems = new ArrayList<>();
        long[] counts = new long[3]; // rows, bad rows, bad values
        List<List<String>> sample = new ArrayList<>();
        List<Long> sampleLines = new ArrayList<>();
        long line = 1;
        boolean[] numeric = null;
        for (String text = csv.readLine(); text != null; text = csv.readLine()) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            List<String> fields = parse(text);
            if (fields == null || fields.size() != columns.size()) {
                counts[1]++;
                report(problems, "line " + line + ": " + (fields == null ? "unbalanced quote"
                        : fields.size() + " fields, the header has " + columns.size()));
                continue;
            }
            if (numeric == null) {
                sample.add(fields);
                sampleLines.add(line);
                if (sample.size() < SAMPLE) {
                    continue;
                }
                numeric = inferNumeric(columns, sample, sampleLines, roles);
                for (int i = 0; i < sample.size(); i++) {
                    add(builder, outcomes, columns, numeric, sample.get(i), sampleLines.get(i), roles, counts,
                            problems);
                }
                sample.clear();
                continue;
            }
            add(builder, outcomes, columns, numeric, fields, line, roles, counts, problems);
            if (counts[0] % 100_000 == 0) {
                progress.accept(counts[0]);
            }
        }
        if (numeric == null) {
            numeric = inferNumeric(columns, sample, sampleLines, roles);
            for (int i = 0; i < sample.size(); i++) {
                add(builder, outcomes, columns, numeric, sample.get(i), sampleLines.get(i), roles, counts, problems);
            }
        }
        if (counts[0] == 0) {
            throw new IllegalArgumentException("no data rows after the header" + (counts[1] == 0 ? ""
                    : ": all " + counts[1] + " rows are bad, e.g. " + problems.get(0)));
        }
        ReferenceProfile profile = ProfileFitter.fitToRecord(builder.build(Instant.now()));
        profile.setPerformance(performance == null ? null : performance.build());
        profile.setMulticlassPerformance(multiclass == null ? null : multiclass.build());
        return new Result(profile, counts[0], counts[1], counts[2], problems);
    }

    private static boolean[] inferNumeric(List<String> columns, List<List<String>> sample, List<Long> lines,
                                          Columns roles) {
        boolean[] numeric = new boolean[columns.size()];
        List<String> unsure = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            String name = columns.get(c);
            if (roles.numeric().contains(name) || roles.categorical().contains(name)) {
                numeric[c] = roles.numeric().contains(name);
                continue;
            }
            if (roles.probabilityPrefix() != null && (roles.isProbability(name) || name.equals(roles.prediction()))) {
                numeric[c] = roles.isProbability(name); // the predicted label is a class, even when it looks like a number
                continue;
            }
            int numbers = 0;
            List<Long> others = new ArrayList<>();
            for (int i = 0; i < sample.size(); i++) {
                String value = sample.get(i).get(c).trim();
                if (number(value) != null) {
                    numbers++;
                } else if (!value.isEmpty()) {
                    others.add(lines.get(i));
                }
            }
            numeric[c] = numbers > 0 && others.isEmpty();
            if (numbers > 0 && !others.isEmpty() && numbers >= others.size()) {
                unsure.add("'" + name + "': " + others.size() + " of " + (numbers + others.size())
                        + " values are not numbers (line" + (others.size() == 1 ? " " : "s ")
                        + others.stream().limit(5).map(String::valueOf).collect(Collectors.joining(", "))
                        + (others.size() > 5 ? ", …" : "") + ")");
            }
        }
        if (!unsure.isEmpty()) {
            throw new IllegalArgumentException("mostly numbers, but not only, in the first " + sample.size() + " rows of "
                    + String.join("; ", unsure) + ". Say which each is: --numeric NAME (the non-numbers count as "
                    + "missing) or --categorical NAME");
        }
        return numeric;
    }

    /** What the labelled rows add to: a binary or a multiclass reference performance, or neither. */
    private record Outcomes(ReferencePerformanceBuilder binary, MulticlassReferenceBuilder multiclass) {
    }

    private static void add(ProfileBuilder builder, Outcomes outcomes, List<String> columns, boolean[] numeric,
                            List<String> fields, long line, Columns roles, long[] counts, List<String> problems) {
        Map<String, Double> numbers = new HashMap<>();
        Map<String, String> categories = new HashMap<>();
        Map<String, Double> probabilities = new HashMap<>();
        Double score = null;
        String label = null;
        String actual = null;
        for (int c = 0; c < columns.size(); c++) {
            String name = columns.get(c);
            String value = fields.get(c).trim();
            if (name.equals(roles.label())) {
                actual = value.isEmpty() ? null : value;
                continue;
            }
            if (numeric[c]) {
                Double parsed = value.isEmpty() ? null : number(value);
                if (!value.isEmpty() && parsed == null) {
                    counts[2]++;
                    report(problems, "line " + line + ": column '" + name + "' is numeric but holds a non-number (counted as missing)");
                }
                if (name.equals(roles.prediction())) {
                    score = parsed;
                } else if (roles.isProbability(name)) {
                    if (parsed != null) {
                        probabilities.put(name.substring(roles.probabilityPrefix().length()), parsed);
                    }
                } else {
                    numbers.put(name, parsed);
                }
            } else if (name.equals(roles.prediction())) {
                label = value.isEmpty() ? null : value;
            } else {
                categories.put(name, value);
            }
        }
        builder.add(numbers, categories, score, label, null);
        if (outcomes.binary() != null) {
            outcomes.binary().add(score, score != null && score >= 0.5, actual);
        }
        if (outcomes.multiclass() != null) {
            outcomes.multiclass().add(probabilities, label, actual);
        }
        counts[0]++;
    }

    private static void report(List<String> problems, String problem) {
        if (problems.size() < REPORTED) {
            problems.add(problem);
        }
    }

    private static Double number(String value) {
        try {
            double parsed = Double.parseDouble(value);
            return Double.isFinite(parsed) ? parsed : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The fields of one CSV line (RFC 4180 quoting, on one line); null when a quote is left open. */
    static List<String> parse(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        fields.add(field.toString());
        return fields;
    }
}
