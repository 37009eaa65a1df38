package io.driftwatch.metrics.summary;

import io.driftwatch.events.MulticlassReferencePerformance;
import io.driftwatch.events.ReferencePerformance;
import io.driftwatch.metrics.estimation.MulticlassReferenceBuilder;
import io.driftwatch.metrics.estimation.ReferencePerformanceBuilder;
import io.driftwatch.metrics.estimation.ScoreBins;
import io.driftwatch.runtime.state.StateCodec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * A classifier version's performance and calibration, captured from its first final windows when
 * no published profile holds them: the windows' summaries pooled into the five folds of {@link
 * ReferencePerformanceBuilder}, window k into fold k mod 5, so that the calibration is judged on
 * windows it was not fitted on. A binary classifier's from its scores; a multiclass classifier's
 * (no score, class probabilities) per class, one-vs-rest ({@link MulticlassReferenceBuilder}).
 */
public final class ReferenceCapture {

    private final WindowSummary[] folds = new WindowSummary[ReferencePerformanceBuilder.FOLDS];
    private int windows;

    public ReferenceCapture() {
        for (int i = 0; i < folds.length; i++) {
            folds[i] = new WindowSummary();
        }
    }

    /**
     * Whether a window holds labelled classifications with a score or class probabilities, what a
     * capture is made of (a regressor's none).
     */
    public static boolean holdsScoredLabels(WindowSummary window) {
        return !window.scoreBins.isEmpty() || !window.classOutcomes.isEmpty();
    }

    /** Adds a final window's summary. */
    public void add(WindowSummary window) {
        folds[windows++ % folds.length].merge(window);
    }

    /** Labelled predictions with a score, or else with class probabilities, captured so far. */
    public long labelled() {
        long scored = 0;
        Map<String, Long> perClass = new HashMap<>();
        for (WindowSummary fold : folds) {
            for (long[] bin : fold.scoreBins.values()) {
                scored += bin[0] + bin[1];
            }
            fold.classOutcomes.forEach((label, tally) -> perClass.merge(label, tally.rowCount(), Long::sum));
        }
        return scored > 0 ? scored : perClass.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** @return the performance, or null when the captured labels were not of a binary classifier */
    public ReferencePerformance build(String positiveLabel) {
        ReferencePerformanceBuilder builder = new ReferencePerformanceBuilder(positiveLabel);
        TreeSet<String> labels = new TreeSet<>();
        for (int f = 0; f < folds.length; f++) {
            long[] rows = new long[ScoreBins.COUNT];
            long[] positives = new long[ScoreBins.COUNT];
            folds[f].scoreBins.forEach((bin, counts) -> {
                rows[bin] = counts[0] + counts[1];
                positives[bin] = counts[0];
            });
            builder.addBins(f, rows, positives);
            for (Map.Entry<String, Long> cell : folds[f].confusion.entrySet()) {
                String[] pair = cell.getKey().split("\u0000", -1);
                labels.add(pair[0]);
                labels.add(pair[1]);
                builder.addOutcome(pair[1].equals(positiveLabel), pair[0].equals(positiveLabel), cell.getValue());
            }
        }
        return labels.size() > 2 ? null : builder.build();
    }

    /** @return the multiclass performance, or null when no window held class probabilities */
    public MulticlassReferencePerformance buildMulticlass() {
        if (Arrays.stream(folds).allMatch(fold -> fold.classOutcomes.isEmpty())) {
            return null;
        }
        MulticlassReferenceBuilder builder = new MulticlassReferenceBuilder();
        for (int f = 0; f < folds.length; f++) {
            int fold = f;
            folds[f].classOutcomes.forEach((label, tally) -> builder.addBins(label, fold, tally));
        }
        for (WindowSummary fold : folds) {
            for (Map.Entry<String, Long> cell : fold.confusion.entrySet()) {
                String[] pair = cell.getKey().split("\u0000", -1);
                builder.addOutcome(pair[0], pair[1], cell.getValue());
            }
        }
        return builder.build();
    }

    public byte[] toBytes() {
        return StateCodec.write(out -> {
            out.writeInt(windows);
            for (WindowSummary fold : folds) {
                StateCodec.writeBytes(out, fold.toBytes());
            }
        });
    }

    public static ReferenceCapture fromBytes(byte[] bytes) {
        return StateCodec.read(bytes, "reference capture", in -> {
            ReferenceCapture capture = new ReferenceCapture();
            capture.windows = in.readInt();
            for (int i = 0; i < capture.folds.length; i++) {
                capture.folds[i] = WindowSummary.fromBytes(StateCodec.readBytes(in));
            }
            return capture;
        });
    }
}
