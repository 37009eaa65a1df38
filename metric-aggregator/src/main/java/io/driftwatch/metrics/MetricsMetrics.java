package io.driftwatch.metrics;

import io.driftwatch.events.Estimate;
import io.driftwatch.events.EstimatedPerformance;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.runtime.metrics.Meters;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The metric aggregator's Micrometer meters: the headline metrics of each model version's latest
 * snapshot (volume, accuracy or MAE, estimated performance and its standard error, label coverage,
 * latency p95), tagged by model and version
 * only (bounded by {@link Meters#bounded}), and counters of late records.
 */
final class MetricsMetrics {

    private final Meters meters;

    MetricsMetrics(MeterRegistry registry) {
        this.meters = new Meters(registry);
    }

    void snapshot(MetricSnapshot s) {
        String model = meters.bounded("model", s.getModelId());
        String version = meters.bounded("version", s.getModelVersion());
        meters.gauge("driftwatch.metrics.predictions", "Predictions in the model version's latest window",
                s.getPredictionCount(), "model", model, "version", version);
        if (s.getLabelCoverage() != null) {
            meters.gauge("driftwatch.metrics.label.coverage", "Labelled share of the latest window's predictions",
                    s.getLabelCoverage(), "model", model, "version", version);
        }
        if (s.getClassification() != null) {
            meters.gauge("driftwatch.metrics.accuracy", "Accuracy of the latest window (as labelled so far)",
                    s.getClassification().getAccuracy(), "model", model, "version", version);
        }
        if (s.getRegression() != null) {
            meters.gauge("driftwatch.metrics.mae", "Mean absolute error of the latest window (as labelled so far)",
                    s.getRegression().getMae(), "model", model, "version", version);
        }
        EstimatedPerformance estimated = s.getEstimatedPerformance();
        if (estimated != null) {
            estimate(model, version, "accuracy", estimated.getAccuracy());
            estimate(model, version, "precision", estimated.getPrecision());
            estimate(model, version, "recall", estimated.getRecall());
            estimate(model, version, "f1", estimated.getF1());
            estimate(model, version, "specificity", estimated.getSpecificity());
            estimate(model, version, "roc_auc", estimated.getRocAuc());
            estimate(model, version, "business_value", estimated.getBusinessValue());
        }
        Double latency = s.getLatencyQuantilesMs().get("p95");
        if (latency != null) {
            meters.gauge("driftwatch.metrics.latency.p95", "Serving latency p95 of the latest window, in milliseconds",
                    latency, "model", model, "version", version);
        }
    }

    private void estimate(String model, String version, String metric, Estimate estimate) {
        if (estimate != null) {
            meters.gauge("driftwatch.metrics.estimated." + metric, "Estimated " + metric.replace('_', ' ')
                    + " of the latest window, from the calibrated scores", estimate.getValue(), "model", model, "version", version);
            meters.gauge("driftwatch.metrics.estimated." + metric + ".standard.error", "Standard error of the estimated "
                    + metric.replace('_', ' '), estimate.getStandardError(), "model", model, "version", version);
        }
    }

    void late(String model, long predictions) {
        meters.counter("driftwatch.metrics.late.records",
                        "Predictions whose window had closed; counted in the next open window",
                        "model", meters.bounded("model", model)).increment(predictions);
    }

    void lateLabels(String model, long labels) {
        meters.counter("driftwatch.metrics.late.labels", "Labels for a window already final; counted, not applied",
                "model", meters.bounded("model", model)).increment(labels);
    }
}
