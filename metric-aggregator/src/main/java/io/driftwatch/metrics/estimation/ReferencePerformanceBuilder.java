package io.driftwatch.metrics.estimation;

import io.driftwatch.events.ReferencePerformance;
import java.util.Arrays;

/**
 * Builds a binary classifier's {@link ReferencePerformance} from labelled reference rows, in
 * constant memory: per score bin, the rows, positives and score sum of each of five folds (rows go
 * round-robin), or rows already counted per bin (a window's summary, in a fold of its own). The
 * isotonic calibration is kept only when it lowers the expected calibration error (10 equal-width
 * bins of the probability) on held-out folds — each fold judged by the map fitted on the other
 * four — and there is none when the reference holds one class (or fills one fold only).
 */
public final class ReferencePerformanceBuilder {

    public static final int FOLDS = 5;
    private static final int ERROR_BINS = 10;

    private final String positiveLabel;
    private final long[][] rows = new long[FOLDS][ScoreBins.COUNT];
    private final long[][] positives = new long[FOLDS][ScoreBins.COUNT];
    private final double[][] scoreSums = new double[FOLDS][ScoreBins.COUNT];
    /** True positives, false positives, false negatives, true negatives. */
    private final long[] confusion = new long[4];
    private long added;

    public ReferencePerformanceBuilder(String positiveLabel) {
        this.positiveLabel = positiveLabel;
    }

    /**
     * Adds a labelled row; one without a finite score or an actual label is left out.
     *
     * @param predictedPositive whether the model predicted the positive class
     */
    public void add(Double score, boolean predictedPositive, String actualLabel) {
        if (score == null || !Double.isFinite(score) || actualLabel == null) {
            return;
        }
        boolean positive = actualLabel.equals(positiveLabel);
        int fold = (int) (added++ % FOLDS);
        int bin = ScoreBins.of(score);
        rows[fold][bin]++;
        positives[fold][bin] += positive ? 1 : 0;
        scoreSums[fold][bin] += ScoreBins.clamp(score);
        addOutcome(predictedPositive, positive, 1);
    }

    /** Index of an outcome in the order true positive, false positive, false negative, true negative. */
    static int outcome(boolean predictedPositive, boolean actualPositive) {
        return predictedPositive ? (actualPositive ? 0 : 1) : (actualPositive ? 2 : 3);
    }

    /**
     * Adds labelled rows counted per score bin to one fold; their scores count as their bins'
     * midpoints (within 0.0005).
     */
    public void addBins(int fold, long[] rowsPerBin, long[] positivesPerBin) {
        for (int bin = 0; bin < ScoreBins.COUNT; bin++) {
            rows[fold][bin] += rowsPerBin[bin];
            positives[fold][bin] += positivesPerBin[bin];
            scoreSums[fold][bin] += rowsPerBin[bin] * ScoreBins.midpoint(bin);
            added += rowsPerBin[bin];
        }
    }

    /** Adds {@code count} labelled rows of one outcome, for the realised metrics; with {@link #addBins}. */
    public void addOutcome(boolean predictedPositive, boolean actualPositive, long count) {
        confusion[outcome(predictedPositive, actualPositive)] += count;
    }

    /** @return the reference performance, or null when no row was added */
    public ReferencePerformance build() {
        long tp = confusion[0];
        long fp = confusion[1];
        long fn = confusion[2];
        long tn = confusion[3];
        long outcomes = tp + fp + fn + tn;
        if (added == 0 || outcomes == 0) {
            return null;
        }
        long[] allRows = sumFolds(rows, -1);
        long[] allPositives = sumFolds(positives, -1);
        long binnedPositives = 0;
        for (int bin = 0; bin < ScoreBins.COUNT; bin++) {
            binnedPositives += allPositives[bin];
        }
        boolean oneClass = binnedPositives == 0 || binnedPositives == added;
        double rawError = rawCalibrationError();
        Double calibratedError = oneClass ? null : heldOutCalibrationError();
        double[] positiveMass = new double[ScoreBins.COUNT];
        double[] negativeMass = new double[ScoreBins.COUNT];
        for (int bin = 0; bin < ScoreBins.COUNT; bin++) {
            positiveMass[bin] = allPositives[bin];
            negativeMass[bin] = allRows[bin] - allPositives[bin];
        }
        return ReferencePerformance.newBuilder()
                .setPositiveLabel(positiveLabel)
                .setSampleCount(added)
                .setPositiveRate((double) (tp + fn) / outcomes)
                .setCalibration(calibratedError != null && calibratedError < rawError
                        ? CalibrationMap.fit(allRows, allPositives).toRecord() : null)
                .setRawCalibrationError(rawError)
                .setCalibratedCalibrationError(calibratedError)
                .setAccuracy((double) (tp + tn) / outcomes)
                .setPrecision(ratio(tp, tp + fp))
                .setRecall(ratio(tp, tp + fn))
                .setF1(ratio(2 * tp, 2 * tp + fp + fn))
                .setSpecificity(ratio(tn, tn + fp))
                .setRocAuc(BinnedAuc.area(positiveMass, negativeMass))
                .build();
    }

    /** ECE of the raw scores: per tenth of [0, 1], |positives − score sum|, over all rows. */
    private double rawCalibrationError() {
        double[] gap = new double[ERROR_BINS];
        for (int fold = 0; fold < FOLDS; fold++) {
            for (int bin = 0; bin < ScoreBins.COUNT; bin++) {
                gap[bin * ERROR_BINS / ScoreBins.COUNT] += positives[fold][bin] - scoreSums[fold][bin];
            }
        }
        return absoluteSum(gap) / added;
    }

    /**
     * ECE of the calibration: each fold's rows through the map fitted on the other folds, pooled;
     * null when the rows fill only one fold (a capture of one window), which nothing can judge.
     */
    private Double heldOutCalibrationError() {
        int filled = 0;
        for (long[] fold : rows) {
            filled += Arrays.stream(fold).sum() > 0 ? 1 : 0;
        }
        if (filled < 2) {
            return null;
        }
        double total = 0;
        for (int fold = 0; fold < FOLDS; fold++) {
            CalibrationMap map = CalibrationMap.fit(sumFolds(rows, fold), sumFolds(positives, fold));
            double[] gap = new double[ERROR_BINS];
            for (int bin = 0; bin < ScoreBins.COUNT; bin++) {
                double p = map.probability(bin);
                gap[Math.min(ERROR_BINS - 1, (int) Math.floor(p * ERROR_BINS))] += positives[fold][bin] - rows[fold][bin] * p;
            }
            total += absoluteSum(gap);
        }
        return total / added;
    }

    /** Per bin, the sum over the folds other than {@code leftOut} (all folds when it is −1). */
    private static long[] sumFolds(long[][] perFold, int leftOut) {
        long[] sum = new long[ScoreBins.COUNT];
        for (int fold = 0; fold < FOLDS; fold++) {
            if (fold != leftOut) {
                for (int bin = 0; bin < ScoreBins.COUNT; bin++) {
                    sum[bin] += perFold[fold][bin];
                }
            }
        }
        return sum;
    }

    private static double absoluteSum(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += Math.abs(v);
        }
        return sum;
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
