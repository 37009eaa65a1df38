package io.driftwatch.metrics.estimation;

import io.driftwatch.events.ClassMetrics;
import io.driftwatch.events.ClassificationMetrics;
import io.driftwatch.events.ConfusionCell;
import io.driftwatch.events.Estimate;
import io.driftwatch.events.EstimatedPerformance;
import io.driftwatch.events.ReferencePerformance;

/**
 * Confidence-based performance estimation (CBPE, as described in NannyML's documentation): with
 * calibrated probabilities p of the positive class (the calibration's level of the score's bin,
 * or without a calibration the bin's midpoint), a prediction adds p to the expected true
 * positives and 1 − p to the false positives when predicted positive, p to the false negatives
 * and 1 − p to the true negatives when predicted negative; the metrics follow from that expected
 * confusion matrix, ROC AUC from the per-bin masses p and 1 − p. Its sampling error at the
 * window's size is σ_ref / √(n·f): σ_ref the standard deviation of the per-observation metric on the
 * reference (√(m(1 − m)) for a rate m), n·f the window's count of the observations the metric is a
 * rate over; F1 through the delta method, ROC AUC through the Mann–Whitney variance. It assumes
 * P(y | x) unchanged: concept drift is invisible to it (docs/metrics.md).
 */
public final class PerformanceEstimator {

    /** Standard errors either side of an estimate in its band, and below the reference in the default alert. */
    public static final double BAND = 3;
    private static final boolean[] PREDICTED_CLASSES = {true, false};

    private PerformanceEstimator() {
    }

    /**
     * @param realised the window's realised metrics from the labels so far; null before any
     * @param costs    the model's cost matrix, for the business value; null without one
     * @return the estimates, or null for an empty tally
     */
    public static EstimatedPerformance estimate(ScoreTally tally, EstimationReference reference,
                                                ClassificationMetrics realised, CostMatrix costs) {
        if (tally.isEmpty()) {
            return null;
        }
        CalibrationMap calibration = reference.calibration();
        double tp = 0;
        double fp = 0;
        double fn = 0;
        double tn = 0;
        double[] positives = new double[ScoreBins.COUNT];
        double[] negatives = new double[ScoreBins.COUNT];
        for (int bin = 0; bin < ScoreBins.COUNT; bin++) {
            for (boolean predictedPositive : PREDICTED_CLASSES) {
                double rows = tally.rows(bin, predictedPositive);
                if (rows == 0) {
                    continue;
                }
                double expected = rows * (calibration != null ? calibration.probability(bin) : ScoreBins.midpoint(bin));
                if (predictedPositive) {
                    tp += expected;
                    fp += rows - expected;
                } else {
                    fn += expected;
                    tn += rows - expected;
                }
                positives[bin] += expected;
                negatives[bin] += rows - expected;
            }
        }
        ReferencePerformance ref = reference.performance();
        ClassMetrics positive = realised == null ? null : realised.getPerClass().get(ref.getPositiveLabel());
        Double f1Reference = ref.getF1();
        Double auc = BinnedAuc.area(positives, negatives);
        return EstimatedPerformance.newBuilder()
                .setCalibrated(calibration != null)
                .setAccuracy(rate(tp + tn, tp + fp + fn + tn, ref.getAccuracy(),
                        realised == null ? null : realised.getAccuracy()))
                .setPrecision(rate(tp, tp + fp, ref.getPrecision(), positive == null ? null : positive.getPrecision()))
                .setRecall(rate(tp, tp + fn, ref.getRecall(), positive == null ? null : positive.getRecall()))
                .setSpecificity(rate(tn, tn + fp, ref.getSpecificity(), realised == null ? null : realised.getSpecificity()))
                .setF1(f1Reference == null || 2 * tp + fp + fn == 0 ? null
                        : estimate(2 * tp / (2 * tp + fp + fn), f1StandardDeviation(f1Reference) / Math.sqrt(tp + fp + fn),
                                f1Reference, positive == null ? null : positive.getF1()))
                .setRocAuc(auc == null || ref.getRocAuc() == null ? null
                        : estimate(auc, BinnedAuc.standardError(ref.getRocAuc(), tp + fn, tn + fp), ref.getRocAuc(),
                                realised == null ? null : realised.getRocAuc()))
                .setBusinessValue(businessValue(costs, ref, tp, fp, fn, tn, realised))
                .build();
    }

    /**
     * The cost matrix on the expected outcomes; its SE the reference's standard deviation of the
     * value per prediction over √n. Unlike the rates it is not clipped to [0, 1].
     */
    private static Estimate businessValue(CostMatrix costs, ReferencePerformance ref, double tp, double fp, double fn,
                                          double tn, ClassificationMetrics realised) {
        double[] onReference = costs == null ? null : costs.onReference(ref);
        if (onReference == null) {
            return null;
        }
        double value = costs.meanValue(tp, fp, fn, tn);
        double standardError = onReference[1] / Math.sqrt(tp + fp + fn + tn);
        return estimate(value, standardError, onReference[0],
                realised == null ? null : realisedValue(costs, realised, ref.getPositiveLabel()),
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    private static Double realisedValue(CostMatrix costs, ClassificationMetrics realised, String positiveLabel) {
        double[] outcomes = new double[4];
        for (ConfusionCell cell : realised.getConfusion()) {
            outcomes[ReferencePerformanceBuilder.outcome(cell.getPredicted().equals(positiveLabel),
                    cell.getActual().equals(positiveLabel))] += cell.getCount();
        }
        return outcomes[0] + outcomes[1] + outcomes[2] + outcomes[3] == 0 ? null
                : costs.meanValue(outcomes[0], outcomes[1], outcomes[2], outcomes[3]);
    }

    /** A metric that is a rate over {@code of} observations: its σ_ref is that of a Bernoulli variable. */
    private static Estimate rate(double hits, double of, Double reference, Double realised) {
        if (of <= 0 || reference == null) {
            return null;
        }
        return estimate(hits / of, Math.sqrt(reference * (1 - reference) / of), reference, realised);
    }

    /**
     * F1 = 2s / (1 + s) with s the share of true positives among the rows that are TP, FP or FN, a
     * rate over those rows: by the delta method σ(F1) = 2 √(s(1 − s)) / (1 + s)², s = F1 / (2 − F1).
     */
    private static double f1StandardDeviation(double f1) {
        double s = f1 / (2 - f1);
        return 2 * Math.sqrt(s * (1 - s)) / ((1 + s) * (1 + s));
    }

    /** An estimate of a rate, its band clipped to [0, 1]. */
    private static Estimate estimate(double value, double standardError, Double reference, Double realised) {
        return estimate(value, standardError, reference, realised, 0, 1);
    }

    private static Estimate estimate(double value, double standardError, Double reference, Double realised,
                                     double lowest, double highest) {
        return Estimate.newBuilder()
                .setValue(value)
                .setStandardError(standardError)
                .setLower(Math.max(lowest, value - BAND * standardError))
                .setUpper(Math.min(highest, value + BAND * standardError))
                .setReference(reference)
                .setRealised(realised)
                .setError(realised == null ? null : realised - value)
                .build();
    }
}
