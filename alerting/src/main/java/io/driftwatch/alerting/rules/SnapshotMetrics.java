package io.driftwatch.alerting.rules;

import io.driftwatch.events.ClassificationMetrics;
import io.driftwatch.events.Estimate;
import io.driftwatch.events.EstimatedPerformance;
import io.driftwatch.events.FeatureQuality;
import io.driftwatch.events.KpiValue;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.events.RegressionMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics a rule can name, read off a {@link MetricSnapshot}: volume, labels, latency,
 * classification and regression performance, estimated performance before labels
 * ({@code estimated_accuracy}, …; judged when the window closes), business KPIs ({@code kpi.<outcome>.sum|mean|rate|count})
 * and data quality per feature ({@code missing_rate}, {@code invalid_rate}, {@code out_of_range_rate},
 * {@code unseen_category_rate}).
 */
public final class SnapshotMetrics {

    private static final Map<String, Function<MetricSnapshot, Double>> MODEL_LEVEL = new LinkedHashMap<>();
    private static final Set<String> LABEL_FREE = Set.of("prediction_count", "late_record_count", "latency_p50_ms",
            "latency_p95_ms", "latency_p99_ms");
    private static final Map<String, Function<EstimatedPerformance, Estimate>> ESTIMATED = new LinkedHashMap<>();
    private static final Map<String, Function<FeatureQuality, Double>> QUALITY = Map.of(
            "missing_rate", FeatureQuality::getMissingRate,
            "invalid_rate", FeatureQuality::getInvalidRate,
            "out_of_range_rate", FeatureQuality::getOutOfRangeRate,
            "unseen_category_rate", FeatureQuality::getUnseenCategoryRate);
    private static final Pattern KPI = Pattern.compile("kpi\\.(.+)\\.(sum|mean|rate|count)");

    static {
        MODEL_LEVEL.put("prediction_count", s -> (double) s.getPredictionCount());
        MODEL_LEVEL.put("labeled_count", s -> (double) s.getLabeledCount());
        MODEL_LEVEL.put("label_coverage", MetricSnapshot::getLabelCoverage);
        MODEL_LEVEL.put("label_delay_p50_ms", MetricSnapshot::getLabelDelayP50Ms);
        MODEL_LEVEL.put("label_delay_p95_ms", MetricSnapshot::getLabelDelayP95Ms);
        MODEL_LEVEL.put("late_record_count", s -> (double) s.getLateRecordCount());
        for (String p : new String[] {"p50", "p95", "p99"}) {
            MODEL_LEVEL.put("latency_" + p + "_ms", s -> s.getLatencyQuantilesMs().get(p));
        }
        classification("accuracy", ClassificationMetrics::getAccuracy);
        classification("macro_precision", ClassificationMetrics::getMacroPrecision);
        classification("macro_recall", ClassificationMetrics::getMacroRecall);
        classification("macro_f1", ClassificationMetrics::getMacroF1);
        classification("micro_f1", ClassificationMetrics::getMicroF1);
        classification("sensitivity", ClassificationMetrics::getSensitivity);
        classification("specificity", ClassificationMetrics::getSpecificity);
        classification("log_loss", ClassificationMetrics::getLogLoss);
        classification("brier", ClassificationMetrics::getBrier);
        classification("roc_auc", ClassificationMetrics::getRocAuc);
        regression("mae", RegressionMetrics::getMae);
        regression("rmse", RegressionMetrics::getRmse);
        regression("mape", RegressionMetrics::getMape);
        regression("bias", RegressionMetrics::getBias);
        regression("r2", RegressionMetrics::getR2);
        ESTIMATED.put("estimated_accuracy", EstimatedPerformance::getAccuracy);
        ESTIMATED.put("estimated_precision", EstimatedPerformance::getPrecision);
        ESTIMATED.put("estimated_recall", EstimatedPerformance::getRecall);
        ESTIMATED.put("estimated_f1", EstimatedPerformance::getF1);
        ESTIMATED.put("estimated_specificity", EstimatedPerformance::getSpecificity);
        ESTIMATED.put("estimated_roc_auc", EstimatedPerformance::getRocAuc);
        ESTIMATED.put("estimated_business_value", EstimatedPerformance::getBusinessValue);
        ESTIMATED.keySet().forEach(name -> MODEL_LEVEL.put(name, s -> {
            Estimate estimate = estimate(s, name);
            return estimate == null ? null : estimate.getValue();
        }));
    }

    /** Whether the metric is an estimate from the scores ({@code estimated_accuracy}, …), with a band and a reference. */
    public static boolean isEstimated(String metric) {
        return ESTIMATED.containsKey(metric);
    }

    /**
     * For an estimated metric: its reference value less {@code standardErrors} of its standard
     * errors at this window's size; empty when the snapshot holds no estimate or no reference.
     */
    public static OptionalDouble belowReference(MetricSnapshot snapshot, String metric, double standardErrors) {
        Estimate estimate = estimate(snapshot, metric);
        return estimate == null || estimate.getReference() == null ? OptionalDouble.empty()
                : OptionalDouble.of(estimate.getReference() - standardErrors * estimate.getStandardError());
    }

    private static Estimate estimate(MetricSnapshot snapshot, String metric) {
        EstimatedPerformance estimated = snapshot.getEstimatedPerformance();
        return estimated == null ? null : ESTIMATED.get(metric).apply(estimated);
    }

    private SnapshotMetrics() {
    }

    private static void classification(String name, Function<ClassificationMetrics, Double> metric) {
        MODEL_LEVEL.put(name, s -> s.getClassification() == null ? null : metric.apply(s.getClassification()));
    }

    private static void regression(String name, Function<RegressionMetrics, Double> metric) {
        MODEL_LEVEL.put(name, s -> s.getRegression() == null ? null : metric.apply(s.getRegression()));
    }

    public static boolean isKnown(String metric) {
        return MODEL_LEVEL.containsKey(metric) || QUALITY.containsKey(metric) || KPI.matcher(metric).matches();
    }

    /** Metrics that depend on labels are judged once a window is final; the others when it closes. */
    public static boolean needsLabels(String metric) {
        return !LABEL_FREE.contains(metric) && !QUALITY.containsKey(metric) && !isEstimated(metric);
    }

    /** Whether the metric is per feature (data quality), so that each feature is its own alert. */
    public static boolean isPerFeature(String metric) {
        return QUALITY.containsKey(metric);
    }

    /** The metric's known names, for error messages. */
    public static String known() {
        return MODEL_LEVEL.keySet() + ", " + QUALITY.keySet() + " (per feature), kpi.<outcome>.sum|mean|rate|count";
    }

    /**
     * The metric's values in a snapshot: one under the key {@code ""} for a model-level metric, one
     * per feature for a data-quality metric; none when the snapshot lacks it (e.g. no labels yet).
     */
    public static Map<String, Double> values(MetricSnapshot snapshot, String metric) {
        Map<String, Double> values = new TreeMap<>();
        Function<MetricSnapshot, Double> modelLevel = MODEL_LEVEL.get(metric);
        Function<FeatureQuality, Double> quality = QUALITY.get(metric);
        Matcher kpi = KPI.matcher(metric);
        if (modelLevel != null) {
            put(values, "", modelLevel.apply(snapshot));
        } else if (quality != null) {
            snapshot.getDataQuality().forEach((feature, q) -> put(values, feature, quality.apply(q)));
        } else if (kpi.matches()) {
            KpiValue value = snapshot.getBusinessKpis().get(kpi.group(1));
            if (value != null) {
                put(values, "", switch (kpi.group(2)) {
                    case "sum" -> value.getSum();
                    case "mean" -> value.getMean();
                    case "rate" -> value.getRate();
                    default -> (double) value.getCount();
                });
            }
        }
        return values;
    }

    private static void put(Map<String, Double> values, String subject, Double value) {
        if (value != null && Double.isFinite(value)) {
            values.put(subject, value);
        }
    }
}
