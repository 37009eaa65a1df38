package io.driftwatch.alerting.sinks;

import io.driftwatch.events.Alert;
import io.driftwatch.events.AlertState;
import io.driftwatch.events.Evidence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The alert as the sinks send it: Prometheus Alertmanager's v2 API format, or plain JSON. */
final class AlertPayloads {

    private AlertPayloads() {
    }

    /**
     * One element of Alertmanager's {@code POST /api/v2/alerts} body: labels identify the alert
     * (Alertmanager groups and deduplicates by them), annotations describe it; a resolved alert
     * carries its {@code endsAt}.
     */
    static Map<String, Object> alertmanager(Alert alert) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", alert.getRuleId());
        labels.put("model", alert.getModelId());
        if (alert.getModelVersion() != null) {
            labels.put("version", alert.getModelVersion());
        }
        if (alert.getSubject() != null) {
            labels.put("subject", alert.getSubject());
        }
        labels.put("severity", alert.getSeverity().name().toLowerCase(Locale.ROOT));
        labels.put("dedupe_key", alert.getDedupeKey());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", alert.getSummary());
        for (Evidence e : alert.getEvidence()) {
            annotations.put("evidence", e.getStatistic() + "=" + e.getValue()
                    + (e.getThreshold() == null ? "" : " " + e.getComparison() + " " + e.getThreshold())
                    + " in [" + e.getWindowStart() + ", " + e.getWindowEnd() + ")");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("labels", labels);
        body.put("annotations", annotations);
        body.put("startsAt", alert.getStartsAt().toString());
        if (alert.getState() == AlertState.RESOLVED && alert.getEndsAt() != null) {
            body.put("endsAt", alert.getEndsAt().toString());
        }
        return body;
    }

    /** The alert's fields by their schema names, timestamps as ISO-8601. */
    static Map<String, Object> json(Alert alert) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dedupe_key", alert.getDedupeKey());
        body.put("model_id", alert.getModelId());
        body.put("model_version", alert.getModelVersion());
        body.put("rule_id", alert.getRuleId());
        body.put("subject", alert.getSubject());
        body.put("severity", alert.getSeverity().name());
        body.put("state", alert.getState().name());
        body.put("starts_at", alert.getStartsAt().toString());
        body.put("ends_at", alert.getEndsAt() == null ? null : alert.getEndsAt().toString());
        body.put("notification", alert.getNotification());
        body.put("summary", alert.getSummary());
        List<Map<String, Object>> evidence = new ArrayList<>();
        for (Evidence e : alert.getEvidence()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("window_start", e.getWindowStart().toString());
            item.put("window_end", e.getWindowEnd().toString());
            item.put("statistic", e.getStatistic());
            item.put("subject", e.getSubject());
            item.put("value", e.getValue());
            item.put("threshold", e.getThreshold());
            item.put("comparison", e.getComparison());
            evidence.add(item);
        }
        body.put("evidence", evidence);
        return body;
    }
}
