package io.driftwatch.drift;

import io.driftwatch.drift.data.FeatureVerdict;
import io.driftwatch.drift.data.WindowTest;
import io.driftwatch.runtime.metrics.Meters;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * The drift detector's Micrometer meters: per model and feature the PSI (computed for every
 * feature, numeric or categorical, so one scale serves all) and the verdict, per model the
 * drifted share. Tags are model and feature only, bounded by {@link Meters#bounded}.
 */
final class DriftMetrics {

    private final Meters meters;

    DriftMetrics(MeterRegistry registry) {
        this.meters = new Meters(registry);
    }

    void window(String model, WindowTest.Result result) {
        String modelTag = meters.bounded("model", model);
        meters.gauge("driftwatch.drift.dataset.share", "Share of the model's features that drifted in its latest window",
                result.verdict().driftedShare(), "model", modelTag);
        for (FeatureVerdict verdict : result.verdict().features()) {
            feature(modelTag, verdict);
        }
        if (result.prediction() != null) {
            feature(modelTag, result.prediction());
        }
    }

    private void feature(String modelTag, FeatureVerdict verdict) {
        String featureTag = meters.bounded("feature", verdict.feature());
        meters.gauge("driftwatch.drift.psi", "Population stability index of the feature in the model's latest window",
                verdict.statistics().get("psi"), "model", modelTag, "feature", featureTag);
        meters.gauge("driftwatch.drift.drifted", "1 when the feature drifted in the model's latest window, else 0",
                verdict.drifted() ? 1 : 0, "model", modelTag, "feature", featureTag);
    }

    void late(String model, Partial.Kind kind, long records) {
        meters.counter("driftwatch.drift.late.records",
                        "Records whose time slice had closed when their summary arrived; merged into the current slice",
                        "model", meters.bounded("model", model), "kind", kind.name().toLowerCase(Locale.ROOT))
                .increment(records);
    }

    void labelWithoutError(String model) {
        meters.counter("driftwatch.drift.labels.skipped",
                "Labelled predictions with neither both labels nor a score and an actual value",
                "model", meters.bounded("model", model)).increment();
    }
}
