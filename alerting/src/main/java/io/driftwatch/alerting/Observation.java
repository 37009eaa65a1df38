package io.driftwatch.alerting;

import io.driftwatch.alerting.rules.Rule;
import io.driftwatch.events.Evidence;
import io.driftwatch.events.Severity;

/**
 * One rule's verdict on one subject of one model version in one window.
 *
 * @param version    the model version, or null for a rule over every version (no predictions)
 * @param subject    a feature, a detector; null for the whole model
 * @param windowTime the window's end (event time), or the check's wall-clock time
 * @param severity   the alert's severity for this window (a concept-drift WARNING is one below the rule's)
 * @param evidence   what was measured
 */
record Observation(String modelId, String version, Rule rule, String subject, boolean violated, long windowTime,
                   Severity severity, Evidence evidence) {

    /** The alert's stable key: model, version, rule, subject. */
    String dedupeKey() {
        return modelId + "|" + (version == null ? "*" : version) + "|" + rule.id() + "|" + (subject == null ? "-" : subject);
    }
}
