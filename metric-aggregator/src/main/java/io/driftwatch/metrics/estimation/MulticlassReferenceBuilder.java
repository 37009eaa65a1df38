package io.driftwatch.metrics.estimation;

import io.driftwatch.events.MulticlassReferencePerformance;
import io.driftwatch.events.ReferencePerformance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a multiclass classifier's {@link MulticlassReferencePerformance} from labelled reference
 * rows: one {@link ReferencePerformanceBuilder} per class, one-vs-rest (the row's probability of
 * the class as its score, the class as the positive one), so that each class gets its realised
 * one-vs-rest metrics and its own isotonic calibration, kept only where it lowers the held-out
 * calibration error. Rows reach every class's folds in the same round-robin order; or rows
 * already counted per bin and outcome (captured windows, each in a fold of its own).
 */
public final class MulticlassReferenceBuilder {

    private final Map<String, ReferencePerformanceBuilder> classes = new TreeMap<>();
    private long rows;
    private long correct;

    /**
     * Adds a labelled row; one without probabilities, a predicted or an actual class is left out.
     *
     * @param probabilities the predicted probability of each class
     */
    public void add(Map<String, Double> probabilities, String predicted, String actual) {
        if (probabilities.isEmpty() || predicted == null || actual == null) {
            return;
        }
        rows++;
        correct += predicted.equals(actual) ? 1 : 0;
        for (Map.Entry<String, Double> p : probabilities.entrySet()) {
            classes.computeIfAbsent(p.getKey(), ReferencePerformanceBuilder::new)
                    .add(p.getValue(), p.getKey().equals(predicted), actual);
        }
    }

    /**
     * Adds labelled rows counted per bin of one class's probability to a fold, {@code tally}'s flag
     * saying whether the actual class is this one; add every class's bins before the outcomes.
     */
    public void addBins(String label, int fold, ScoreTally tally) {
        long[] rows = new long[ScoreBins.COUNT];
        long[] positives = new long[ScoreBins.COUNT];
        for (int bin = 0; bin < ScoreBins.COUNT && !tally.isEmpty(); bin++) {
            positives[bin] = tally.rows(bin, true);
            rows[bin] = positives[bin] + tally.rows(bin, false);
        }
        classes.computeIfAbsent(label, ReferencePerformanceBuilder::new).addBins(fold, rows, positives);
    }

    /** Adds {@code count} labelled rows of one actual and predicted class, for the realised metrics; with {@link #addBins}. */
    public void addOutcome(String actual, String predicted, long count) {
        rows += count;
        correct += actual.equals(predicted) ? count : 0;
        classes.forEach((label, builder) -> builder.addOutcome(label.equals(predicted), label.equals(actual), count));
    }

    /** @return the reference performance, or null when no row was added */
    public MulticlassReferencePerformance build() {
        if (rows == 0) {
            return null;
        }
        List<ReferencePerformance> perClass = new ArrayList<>();
        for (ReferencePerformanceBuilder builder : classes.values()) {
            ReferencePerformance performance = builder.build();
            if (performance != null) {
                perClass.add(performance);
            }
        }
        return MulticlassReferencePerformance.newBuilder()
                .setSampleCount(rows)
                .setAccuracy((double) correct / rows)
                .setClasses(perClass)
                .build();
    }
}
