package io.driftwatch.metrics.estimation;

import io.driftwatch.events.ScoreCalibration;
import java.util.ArrayList;
import java.util.List;

/**
 * The isotonic map from a score bin to the probability of the positive class: a non-decreasing
 * step function with at most one step per {@link ScoreBins bin}, fitted on labelled reference rows
 * by {@link IsotonicRegression} of the outcome on the bin, and clipped to [0, 1].
 */
public final class CalibrationMap {

    private final int[] thresholds;
    private final double[] probabilities;
    /** The probability of each bin, looked up once. */
    private final double[] byBin = new double[ScoreBins.COUNT];

    private CalibrationMap(int[] thresholds, double[] probabilities) {
        if (thresholds.length == 0 || thresholds.length != probabilities.length || thresholds[0] != 0) {
            throw new IllegalArgumentException("a calibration needs steps starting at bin 0, one probability each");
        }
        this.thresholds = thresholds;
        this.probabilities = probabilities;
        for (int step = 0; step < thresholds.length; step++) {
            if (step > 0 && (thresholds[step] <= thresholds[step - 1] || probabilities[step] < probabilities[step - 1])) {
                throw new IllegalArgumentException("calibration steps must ascend, with non-decreasing probabilities");
            }
            int end = step + 1 < thresholds.length ? thresholds[step + 1] : ScoreBins.COUNT;
            for (int bin = thresholds[step]; bin < end; bin++) {
                byBin[bin] = probabilities[step];
            }
        }
    }

    /**
     * Fits the map on per-bin counts; bins below the first with rows take the first step.
     *
     * @param rows      labelled rows per bin
     * @param positives rows per bin whose actual class is the positive one
     */
    static CalibrationMap fit(long[] rows, long[] positives) {
        List<Integer> seen = new ArrayList<>();
        for (int bin = 0; bin < rows.length; bin++) {
            if (rows[bin] > 0) {
                seen.add(bin);
            }
        }
        double[] sums = new double[seen.size()];
        double[] weights = new double[seen.size()];
        for (int i = 0; i < sums.length; i++) {
            sums[i] = positives[seen.get(i)];
            weights[i] = rows[seen.get(i)];
        }
        double[] fitted = IsotonicRegression.fitSums(sums, weights);
        List<Integer> thresholds = new ArrayList<>();
        List<Double> probabilities = new ArrayList<>();
        for (int i = 0; i < fitted.length; i++) {
            double p = ScoreBins.clamp(fitted[i]);
            if (probabilities.isEmpty() || p != probabilities.get(probabilities.size() - 1)) {
                thresholds.add(thresholds.isEmpty() ? 0 : seen.get(i));
                probabilities.add(p);
            }
        }
        return new CalibrationMap(thresholds.stream().mapToInt(Integer::intValue).toArray(),
                probabilities.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public static CalibrationMap of(ScoreCalibration stored) {
        List<Double> edges = stored.getThresholds();
        int[] thresholds = new int[edges.size()];
        for (int i = 0; i < thresholds.length; i++) {
            thresholds[i] = ScoreBins.ofEdge(edges.get(i));
        }
        return new CalibrationMap(thresholds, stored.getProbabilities().stream().mapToDouble(Double::doubleValue).toArray());
    }

    public ScoreCalibration toRecord() {
        List<Double> edges = new ArrayList<>();
        List<Double> levels = new ArrayList<>();
        for (int i = 0; i < thresholds.length; i++) {
            edges.add(ScoreBins.lowerEdge(thresholds[i]));
            levels.add(probabilities[i]);
        }
        return ScoreCalibration.newBuilder().setThresholds(edges).setProbabilities(levels).build();
    }

    /** The calibrated probability of the positive class for a score in this bin. */
    public double probability(int bin) {
        return byBin[bin];
    }

    public int steps() {
        return thresholds.length;
    }
}
