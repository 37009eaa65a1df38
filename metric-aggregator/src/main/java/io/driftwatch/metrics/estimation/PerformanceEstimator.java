package io.driftwatch.metrics.estimation;

import io.driftwatch.events.ClassMetrics;
import io.driftwatch.events.ClassificationMetrics;
import io.driftwatch.events.ConfusionCell;
import io.driftwatch.events.Estimate;
import io.driftwatch.events.EstimatedPerformance;
import io.driftwatch.events.MulticlassReferencePerformance;
import io.driftwatch.events.ReferencePerformance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;

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
     * A binary classifier's estimates, of its positive class.
     *
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
        Expected e = Expected.of(tally, calibration != null ? calibration::probability : ScoreBins::midpoint);
        ReferencePerformance ref = reference.performance();
        ClassMetrics positive = realised == null ? null : realised.getPerClass().get(ref.getPositiveLabel());
        OneVsRest estimates = OneVsRest.of(e, ref, positive == null ? null : positive.getPrecision(),
                positive == null ? null : positive.getRecall(), positive == null ? null : positive.getF1(),
                realised == null ? null : realised.getSpecificity(), realised == null ? null : realised.getRocAuc());
        return EstimatedPerformance.newBuilder()
                .setCalibrated(calibration != null)
                .setAccuracy(rate(e.tp + e.tn, e.rows(), ref.getAccuracy(), realised == null ? null : realised.getAccuracy()))
                .setPrecision(estimates.precision)
                .setRecall(estimates.recall)
                .setF1(estimates.f1)
                .setSpecificity(estimates.specificity)
                .setRocAuc(estimates.rocAuc)
                .setBusinessValue(businessValue(costs, ref, e.tp, e.fp, e.fn, e.tn, realised))
                .build();
    }

    /**
     * A multiclass classifier's estimates: per class c, its tally holds the predictions' calibrated,
     * renormalised probabilities q of c (at their bins' midpoints), predicted c or not, which give
     * its one-vs-rest expected confusion matrix as in the binary case. Accuracy is Σ TP_c over the
     * predictions; precision, recall, F1, specificity and ROC AUC are macro averages over the
     * reference's classes that the window estimates, each with standard error √(Σ SE_c²) / K. No
     * business value (the cost matrix is binary).
     *
     * @param tallies   per class, the window's tally of q (or of the raw renormalised probability,
     *                  calibrated here by the reference's {@code classMaps}: a captured reference's,
     *                  without renormalising again)
     * @param reference a multiclass reference
     * @return the estimates, or null when no tally holds a prediction
     */
    public static EstimatedPerformance estimate(Map<String, ScoreTally> tallies, EstimationReference reference,
                                                ClassificationMetrics realised) {
        MulticlassReferencePerformance multiclass = reference.multiclass();
        double hits = 0;
        double predicted = 0;
        List<OneVsRest> perClass = new ArrayList<>();
        for (Map.Entry<String, ScoreTally> entry : tallies.entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            CalibrationMap atMerge = reference.classMaps().get(entry.getKey());
            Expected e = Expected.of(entry.getValue(), atMerge != null ? atMerge::probability : ScoreBins::midpoint);
            hits += e.tp;
            predicted += e.tp + e.fp;
            for (ReferencePerformance ref : multiclass.getClasses()) {
                if (ref.getPositiveLabel().equals(entry.getKey())) {
                    perClass.add(OneVsRest.of(e, ref, null, null, null, null, null));
                }
            }
        }
        if (predicted == 0) {
            return null;
        }
        return EstimatedPerformance.newBuilder()
                .setCalibrated(reference.calibrated())
                .setAverage("macro")
                .setAccuracy(rate(hits, predicted, multiclass.getAccuracy(), realised == null ? null : realised.getAccuracy()))
                .setPrecision(macro(perClass, c -> c.precision, realised == null ? null : realised.getMacroPrecision()))
                .setRecall(macro(perClass, c -> c.recall, realised == null ? null : realised.getMacroRecall()))
                .setF1(macro(perClass, c -> c.f1, realised == null ? null : realised.getMacroF1()))
                .setSpecificity(macro(perClass, c -> c.specificity, realised == null ? null : macroSpecificity(realised)))
                .setRocAuc(macro(perClass, c -> c.rocAuc, null))
                .build();
    }

    /** The expected confusion matrix of one (one-vs-rest) class, and its per-bin masses of p and 1 − p. */
    private record Expected(double tp, double fp, double fn, double tn, double[] positives, double[] negatives) {

        /** @param probability the probability of the class for a score bin */
        static Expected of(ScoreTally tally, IntToDoubleFunction probability) {
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
                    double expected = rows * probability.applyAsDouble(bin);
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
            return new Expected(tp, fp, fn, tn, positives, negatives);
        }

        double rows() {
            return tp + fp + fn + tn;
        }
    }

    /** The estimates of one class against the rest, each null where undefined. */
    private record OneVsRest(Estimate precision, Estimate recall, Estimate f1, Estimate specificity, Estimate rocAuc) {

        static OneVsRest of(Expected e, ReferencePerformance ref, Double precision, Double recall, Double f1,
                            Double specificity, Double rocAuc) {
            Double f1Reference = ref.getF1();
            Double auc = BinnedAuc.area(e.positives, e.negatives);
            return new OneVsRest(
                    rate(e.tp, e.tp + e.fp, ref.getPrecision(), precision),
                    rate(e.tp, e.tp + e.fn, ref.getRecall(), recall),
                    f1Reference == null || 2 * e.tp + e.fp + e.fn == 0 ? null
                            : estimate(2 * e.tp / (2 * e.tp + e.fp + e.fn),
                                    f1StandardDeviation(f1Reference) / Math.sqrt(e.tp + e.fp + e.fn), f1Reference, f1),
                    rate(e.tn, e.tn + e.fp, ref.getSpecificity(), specificity),
                    auc == null || ref.getRocAuc() == null ? null
                            : estimate(auc, BinnedAuc.standardError(ref.getRocAuc(), e.tp + e.fn, e.tn + e.fp),
                                    ref.getRocAuc(), rocAuc));
        }
    }

    /**
     * The unweighted mean of the classes' estimates of a metric, over the classes that have one;
     * its standard error √(Σ SE²) / K, its reference the mean of theirs.
     */
    private static Estimate macro(List<OneVsRest> classes, Function<OneVsRest, Estimate> metric, Double realised) {
        double value = 0;
        double variance = 0;
        double reference = 0;
        int k = 0;
        for (OneVsRest c : classes) {
            Estimate e = metric.apply(c);
            if (e != null) {
                value += e.getValue();
                variance += e.getStandardError() * e.getStandardError();
                reference += e.getReference();
                k++;
            }
        }
        return k == 0 ? null : estimate(value / k, Math.sqrt(variance) / k, reference / k, realised);
    }

    /** The realised macro specificity: per class 1 − FP / actual negatives, over the classes with negatives. */
    private static Double macroSpecificity(ClassificationMetrics realised) {
        Map<String, Long> actual = new TreeMap<>();
        Map<String, Long> falsePositives = new TreeMap<>();
        long total = 0;
        for (ConfusionCell cell : realised.getConfusion()) {
            total += cell.getCount();
            actual.merge(cell.getActual(), cell.getCount(), Long::sum);
            falsePositives.merge(cell.getPredicted(), cell.getActual().equals(cell.getPredicted()) ? 0 : cell.getCount(),
                    Long::sum);
        }
        Set<String> classes = new TreeSet<>(actual.keySet());
        classes.addAll(falsePositives.keySet());
        double sum = 0;
        int k = 0;
        for (String label : classes) {
            long negatives = total - actual.getOrDefault(label, 0L);
            if (negatives > 0) {
                sum += 1 - (double) falsePositives.getOrDefault(label, 0L) / negatives;
                k++;
            }
        }
        return k == 0 ? null : sum / k;
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
