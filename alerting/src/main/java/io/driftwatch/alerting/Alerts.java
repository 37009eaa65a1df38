package io.driftwatch.alerting;

import io.driftwatch.alerting.lifecycle.AlertLifecycle;
import io.driftwatch.events.Alert;
import io.driftwatch.events.AlertState;
import io.driftwatch.events.Evidence;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Builds the {@link Alert} record of a lifecycle notification, with its one-line summary; aggregates only. */
final class Alerts {

    private Alerts() {
    }

    static Alert alert(Observation o, AlertLifecycle.Notification n, boolean silenced, Instant sentAt) {
        return Alert.newBuilder()
                .setDedupeKey(o.dedupeKey())
                .setModelId(o.modelId())
                .setModelVersion(o.version())
                .setRuleId(o.rule().id())
                .setSubject(o.subject())
                .setSeverity(o.severity())
                .setState(n.resolved() ? AlertState.RESOLVED : AlertState.FIRING)
                .setStartsAt(Instant.ofEpochMilli(n.startsAt()))
                .setEndsAt(n.endsAt() == null ? null : Instant.ofEpochMilli(n.endsAt()))
                .setSentAt(sentAt)
                .setNotification(n.number())
                .setSummary(summary(o, n))
                .setEvidence(List.of(o.evidence()))
                .setSilenced(silenced)
                .build();
    }

    /** e.g. {@code churn v3: accuracy < 0.85 — accuracy 0.812 in the window ending 2026-11-22T10:01:00Z; firing since 09:58}. */
    static String summary(Observation o, AlertLifecycle.Notification n) {
        String model = o.modelId() + (o.version() == null ? "" : " v" + o.version());
        String what = o.rule().condition().describe() + (o.subject() == null ? "" : " (" + o.subject() + ")");
        if (n.resolved()) {
            return model + ": " + what + " resolved at " + Instant.ofEpochMilli(n.endsAt()) + " (since "
                    + Instant.ofEpochMilli(n.startsAt()) + ")";
        }
        return model + ": " + what + " — " + measured(o.evidence()) + " at " + Instant.ofEpochMilli(o.windowTime())
                + "; since " + Instant.ofEpochMilli(n.startsAt());
    }

    static String measured(Evidence e) {
        String value = String.format(Locale.ROOT, "%.4g", e.getValue());
        return e.getStatistic() + " " + value
                + (e.getThreshold() == null ? "" : " " + e.getComparison() + " " + String.format(Locale.ROOT, "%.4g", e.getThreshold()));
    }
}
