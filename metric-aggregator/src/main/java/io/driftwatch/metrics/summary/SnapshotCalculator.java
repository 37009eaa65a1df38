package io.driftwatch.metrics.summary;

import io.driftwatch.events.ClassMetrics;
import io.driftwatch.events.ClassificationMetrics;
import io.driftwatch.events.ConfusionCell;
import io.driftwatch.events.FeatureQuality;
import io.driftwatch.events.KpiValue;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.events.RegressionMetrics;
import io.driftwatch.metrics.estimation.BinnedAuc;
import io.driftwatch.metrics.estimation.CostMatrix;
import io.driftwatch.metrics.estimation.EstimationReference;
import io.driftwatch.metrics.estimation.PerformanceEstimator;
import io.driftwatch.metrics.estimation.ScoreBins;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import io.driftwatch.schemas.sketch.KllSketch;

/**
 * The metrics of a window, computed from its {@link WindowSummary}; the formulas are those of
 * scikit-learn (docs/metrics.md), checked against it in {@code SnapshotCalculatorTest}.
 */
public final class SnapshotCalculator {

    private static final double[] SCORE_QUANTILES = {0.05, 0.25, 0.5, 0.75, 0.95};
    private static final double[] LATENCY_QUANTILES = {0.5, 0.95, 0.99};

    private SnapshotCalculator() {
    }

    /**
     * Where and when a snapshot belongs.
     *
     * @param horizon       {@code base} for a base window, else the rolling horizon's name (e.g. {@code 1h})
     * @param positiveLabel the positive class of a binary model (sensitivity, specificity, ROC AUC)
     * @param lateRecords   records that arrived after their window closed (counted, merged into a later window)
     * @param costs         the model's cost matrix, for the estimated business value; null without one
     */
    public record Header(String modelId, String modelVersion, String segment, String horizon, long windowStart,
                         long windowEnd, int revision, boolean isFinal, boolean provisional, Instant emittedAt,
                         long lateRecords, String positiveLabel, CostMatrix costs) {
    }

    /**
     * @param reference the model version's reference performance and calibration, for the header's
     *                  positive label; null when there is none, and then no estimated performance
     */
    public static MetricSnapshot snapshot(WindowSummary s, Header h, EstimationReference reference) {
        Map<String, Double> latency = new LinkedHashMap<>();
        quantiles(s.latencies, LATENCY_QUANTILES).forEach((name, value) -> latency.put(name, value));
        Map<String, Double> classShares = new TreeMap<>();
        long classified = s.predictedClasses.values().stream().mapToLong(Long::longValue).sum();
        s.predictedClasses.forEach((label, count) -> classShares.put(label, (double) count / classified));
        Map<String, FeatureQuality> quality = new TreeMap<>();
        s.quality.forEach((feature, c) -> quality.put(feature, FeatureQuality.newBuilder()
                .setMissingRate(rate(c[0], s.predictions)).setInvalidRate(rate(c[1], s.predictions))
                .setOutOfRangeRate(rate(c[2], s.predictions)).setUnseenCategoryRate(rate(c[3], s.predictions)).build()));
        Map<String, KpiValue> kpis = new TreeMap<>();
        s.kpis.forEach((key, k) -> kpis.put(key, KpiValue.newBuilder().setCount((long) k[0]).setSum(k[1])
                .setMean(k[1] / k[0]).setRate(k[2] / k[0]).build()));
        ClassificationMetrics classification = s.confusion.isEmpty() ? null : classification(s, h.positiveLabel());
        return MetricSnapshot.newBuilder()
                .setModelId(h.modelId()).setModelVersion(h.modelVersion()).setSegment(h.segment())
                .setWindowStart(Instant.ofEpochMilli(h.windowStart())).setWindowEnd(Instant.ofEpochMilli(h.windowEnd()))
                .setHorizon(h.horizon()).setRevision(h.revision()).setFinal$(h.isFinal()).setProvisional(h.provisional())
                .setEmittedAt(h.emittedAt())
                .setPredictionCount(s.predictions).setLabeledCount(s.labeled)
                .setLabelCoverage(s.predictions == 0 ? null : Math.min(1.0, (double) s.labeled / s.predictions))
                .setLabelDelayP50Ms(quantile(s.labelDelays, 0.5)).setLabelDelayP95Ms(quantile(s.labelDelays, 0.95))
                .setLateRecordCount(h.lateRecords())
                .setScoreQuantiles(quantiles(s.scores, SCORE_QUANTILES))
                .setPredictedClassShares(classShares)
                .setClassification(classification)
                .setEstimatedPerformance(reference == null ? null : reference.multiclass() != null
                        ? PerformanceEstimator.estimate(s.classTallies, reference, classification)
                        : PerformanceEstimator.estimate(s.tally, reference, classification, h.costs()))
                .setRegression(s.regressionCount == 0 ? null : regression(s))
                .setBusinessKpis(kpis)
                .setLatencyQuantilesMs(latency)
                .setDataQuality(quality)
                .build();
    }

    static ClassificationMetrics classification(WindowSummary s, String positiveLabel) {
        Map<String, long[]> perClass = new TreeMap<>(); // true positives, false positives, false negatives
        TreeSet<String> labels = new TreeSet<>();
        List<ConfusionCell> cells = new ArrayList<>();
        long total = 0;
        long correct = 0;
        for (Map.Entry<String, Long> e : s.confusion.entrySet()) {
            String[] pair = e.getKey().split("\u0000", -1);
            long n = e.getValue();
            cells.add(ConfusionCell.newBuilder().setActual(pair[0]).setPredicted(pair[1]).setCount(n).build());
            labels.add(pair[0]);
            labels.add(pair[1]);
            total += n;
            if (pair[0].equals(pair[1])) {
                correct += n;
                perClass.computeIfAbsent(pair[0], l -> new long[3])[0] += n;
            } else {
                perClass.computeIfAbsent(pair[1], l -> new long[3])[1] += n;
                perClass.computeIfAbsent(pair[0], l -> new long[3])[2] += n;
            }
        }
        Map<String, ClassMetrics> classes = new TreeMap<>();
        double precisionSum = 0;
        double recallSum = 0;
        double f1Sum = 0;
        for (String label : labels) {
            long[] c = perClass.getOrDefault(label, new long[3]);
            Double precision = c[0] + c[1] == 0 ? null : (double) c[0] / (c[0] + c[1]);
            Double recall = c[0] + c[2] == 0 ? null : (double) c[0] / (c[0] + c[2]);
            Double f1 = precision == null || recall == null ? null
                    : precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
            classes.put(label, ClassMetrics.newBuilder().setPrecision(precision).setRecall(recall).setF1(f1)
                    .setSupport(c[0] + c[2]).build());
            // scikit-learn's macro averages count an undefined value as 0 (zero_division)
            precisionSum += precision == null ? 0 : precision;
            recallSum += recall == null ? 0 : recall;
            f1Sum += f1 == null ? 0 : f1;
        }
        int k = labels.size();
        ClassificationMetrics.Builder metrics = ClassificationMetrics.newBuilder()
                .setConfusion(cells).setAccuracy((double) correct / total).setPerClass(classes)
                .setMacroPrecision(precisionSum / k).setMacroRecall(recallSum / k).setMacroF1(f1Sum / k)
                .setMicroF1((double) correct / total)
                .setLogLoss(s.logLossCount == 0 ? null : s.logLossSum / s.logLossCount);
        if (k <= 2 && positiveLabel != null) {
            long[] positive = perClass.getOrDefault(positiveLabel, new long[3]);
            long truePositives = positive[0];
            long falsePositives = positive[1];
            long falseNegatives = positive[2];
            long trueNegatives = total - truePositives - falsePositives - falseNegatives;
            metrics.setSensitivity(truePositives + falseNegatives == 0 ? null
                    : (double) truePositives / (truePositives + falseNegatives));
            metrics.setSpecificity(trueNegatives + falsePositives == 0 ? null
                    : (double) trueNegatives / (trueNegatives + falsePositives));
            metrics.setBrier(s.brierCount == 0 ? null : s.brierSum / s.brierCount);
            metrics.setRocAuc(rocAuc(s));
        }
        return metrics.build();
    }

    /** ROC AUC from the per-class score histograms ({@link BinnedAuc}, with its error bound). */
    static Double rocAuc(WindowSummary s) {
        double[] positives = new double[ScoreBins.COUNT];
        double[] negatives = new double[ScoreBins.COUNT];
        s.scoreBins.forEach((bin, counts) -> {
            positives[bin] = counts[0];
            negatives[bin] = counts[1];
        });
        return BinnedAuc.area(positives, negatives);
    }

    static RegressionMetrics regression(WindowSummary s) {
        long n = s.regressionCount;
        double totalSquares = s.actualSquaredSum - s.actualSum * s.actualSum / n;
        return RegressionMetrics.newBuilder()
                .setMae(s.absErrorSum / n)
                .setRmse(Math.sqrt(s.squaredErrorSum / n))
                .setMape(s.percentErrorCount == 0 ? null : s.percentErrorSum / s.percentErrorCount)
                .setMapeSkipped(s.percentErrorSkipped)
                .setBias(s.errorSum / n)
                .setR2(totalSquares <= 0 ? null : 1 - s.squaredErrorSum / totalSquares)
                .build();
    }

    private static Map<String, Double> quantiles(KllSketch sketch, double[] ranks) {
        Map<String, Double> quantiles = new LinkedHashMap<>();
        if (!sketch.isEmpty()) {
            double[] values = sketch.getQuantiles(ranks);
            for (int i = 0; i < ranks.length; i++) {
                quantiles.put(String.format("p%02d", Math.round(ranks[i] * 100)), values[i]);
            }
        }
        return quantiles;
    }

    private static Double quantile(KllSketch sketch, double rank) {
        return sketch.isEmpty() ? null : sketch.getQuantile(rank);
    }

    private static double rate(long count, long of) {
        return of == 0 ? 0 : (double) count / of;
    }
}
