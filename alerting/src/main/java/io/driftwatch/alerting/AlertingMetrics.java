package io.driftwatch.alerting;

import io.driftwatch.runtime.metrics.Meters;
import io.micrometer.core.instrument.MeterRegistry;

/** Alerting's Micrometer meters, tagged by model and rule (bounded by {@link Meters#bounded}). */
final class AlertingMetrics {

    private final Meters meters;

    AlertingMetrics(MeterRegistry registry) {
        this.meters = new Meters(registry);
    }

    void alert(String model, String rule, boolean resolved, boolean silenced) {
        meters.counter("driftwatch.alerting.notifications", "Alert records sent (firing, re-notified or resolved)",
                "model", meters.bounded("model", model), "rule", meters.bounded("rule", rule),
                "state", resolved ? "resolved" : "firing", "silenced", String.valueOf(silenced)).increment();
    }

    void trigger(String model) {
        meters.counter("driftwatch.alerting.triggers", "Retraining triggers issued",
                "model", meters.bounded("model", model)).increment();
    }

    void triggerSuppressed(String model, String reason) {
        meters.counter("driftwatch.alerting.triggers.suppressed",
                "Alerts that would have triggered retraining but for the cooldown or the lack of new labelled data",
                "model", meters.bounded("model", model), "reason", reason).increment();
    }
}
