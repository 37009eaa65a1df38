package io.driftwatch.metrics.summary;

import io.driftwatch.events.ReferencePerformance;
import io.driftwatch.metrics.estimation.ReferencePerformanceBuilder;
import io.driftwatch.metrics.estimation.ScoreBins;
import io.driftwatch.runtime.state.StateCodec;
import java.util.Map;
import java.util.TreeSet;

/**
 * A binary classifier version's performance and calibration, captured from its first final
 * windows when no published profile holds them: the windows' summaries pooled into the five folds
 * of {@link ReferencePerformanceBuilder}, window k into fold k mod 5, so that the calibration is
 * judged on windows it was not fitted on.
 */
public final class ReferenceCapture {

    private final WindowSummary[] folds = new WindowSummary[ReferencePerformanceBuilder.FOLDS];
    private int windows;

    public ReferenceCapture() {
        for (int i = 0; i < folds.length; i++) {
            folds[i] = new WindowSummary();
        }
    }

    /** Whether a window holds labelled classifications with a score, what a capture is made of (a regressor's none). */
    public static boolean holdsScoredLabels(WindowSummary window) {
        return !window.scoreBins.isEmpty();
    }

    /** Adds a final window's summary. */
    public void add(WindowSummary window) {
        folds[windows++ % folds.length].merge(window);
    }

    /** Labelled predictions with a score captured so far. */
    public long labelled() {
        long rows = 0;
        for (WindowSummary fold : folds) {
            for (long[] bin : fold.scoreBins.values()) {
                rows += bin[0] + bin[1];
            }
        }
        return rows;
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
