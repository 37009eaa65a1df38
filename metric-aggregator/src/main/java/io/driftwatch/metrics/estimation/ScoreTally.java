package io.driftwatch.metrics.estimation;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A window's predictions of a binary classifier as performance estimation needs them, mergeable:
 * per {@link ScoreBins score bin}, the rows predicted positive and negative and the sums of their
 * (clamped) scores. Allocated on the first prediction; serialised sparsely.
 */
public final class ScoreTally {

    /** Per bin: predicted-positive rows, predicted-negative rows, their score sums; null while empty. */
    private double[] bins;

    public void add(double score, boolean predictedPositive) {
        if (bins == null) {
            bins = new double[4 * ScoreBins.COUNT];
        }
        int at = 4 * ScoreBins.of(score) + (predictedPositive ? 0 : 1);
        bins[at]++;
        bins[at + 2] += ScoreBins.clamp(score);
    }

    public void merge(ScoreTally other) {
        if (other.bins == null) {
            return;
        }
        if (bins == null) {
            bins = other.bins.clone();
            return;
        }
        for (int i = 0; i < bins.length; i++) {
            bins[i] += other.bins[i];
        }
    }

    public boolean isEmpty() {
        return bins == null;
    }

    /** Rows of {@code bin} predicted positive ({@code positive}) or negative. */
    double rows(int bin, boolean positive) {
        return bins[4 * bin + (positive ? 0 : 1)];
    }

    /** Sum of the scores of those rows. */
    double scoreSum(int bin, boolean positive) {
        return bins[4 * bin + (positive ? 2 : 3)];
    }

    public void write(DataOutput out) throws IOException {
        int used = 0;
        for (int bin = 0; bins != null && bin < ScoreBins.COUNT; bin++) {
            used += rows(bin, true) + rows(bin, false) > 0 ? 1 : 0;
        }
        out.writeInt(used);
        for (int bin = 0; used > 0 && bin < ScoreBins.COUNT; bin++) {
            if (rows(bin, true) + rows(bin, false) > 0) {
                out.writeShort(bin);
                for (int i = 0; i < 4; i++) {
                    out.writeDouble(bins[4 * bin + i]);
                }
            }
        }
    }

    public static ScoreTally read(DataInput in) throws IOException {
        ScoreTally tally = new ScoreTally();
        int used = in.readInt();
        if (used > 0) {
            tally.bins = new double[4 * ScoreBins.COUNT];
        }
        for (int i = 0; i < used; i++) {
            int bin = in.readShort();
            if (bin < 0 || bin >= ScoreBins.COUNT) {
                throw new IOException("score bin " + bin + " out of range");
            }
            for (int j = 0; j < 4; j++) {
                tally.bins[4 * bin + j] = in.readDouble();
            }
        }
        return tally;
    }
}
