package io.driftwatch.alerting;

import io.driftwatch.alerting.config.AlertingSettings;
import io.driftwatch.alerting.lifecycle.AlertLifecycle;
import io.driftwatch.alerting.rules.DriftCondition;
import io.driftwatch.alerting.rules.MetricCondition;
import io.driftwatch.alerting.rules.SnapshotMetrics;
import io.driftwatch.alerting.triggers.TriggerPolicy;
import io.driftwatch.events.DetectorState;
import io.driftwatch.events.RetrainingTrigger;
import io.driftwatch.events.TriggerStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;

/**
 * Decides retraining triggers from a model's alerts, by its policy: which alerts count, a
 * cooldown between triggers and a minimum of new labelled data. Times are the windows' event
 * times and the idempotency key is model/version/window end, so a replay issues the same triggers
 * with the same keys.
 */
final class Triggers {

    private final AlertingSettings settings;
    private final AlertingMetrics metrics;

    Triggers(AlertingSettings settings, AlertingMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    /** A trigger, when this observation's alert counts for the model's policy and the policy allows one now. */
    Optional<KeyValue<String, RetrainingTrigger>> consider(Observation o, AlertLifecycle.Transition t,
                                                           ModelActivity activity, long wallClock) {
        TriggerPolicy policy = settings.policy(o.modelId());
        TriggerPolicy.Cause cause = cause(o, t, policy);
        if (cause == null || !policy.causes().contains(cause)) {
            return Optional.empty();
        }
        long at = o.windowTime();
        boolean triggeredBefore = activity.lastTriggerAt != Long.MIN_VALUE;
        if (triggeredBefore && at - activity.lastTriggerAt < policy.cooldown().toMillis()) {
            metrics.triggerSuppressed(o.modelId(), "cooldown");
            return Optional.empty();
        }
        String version = o.version();
        long labels = activity.labels(version);
        boolean sameVersion = version.equals(activity.lastTriggerVersion);
        long newLabels = sameVersion ? labels - activity.labelsAtLastTrigger : labels;
        if (newLabels < policy.minNewLabels()) {
            metrics.triggerSuppressed(o.modelId(), "no-new-labels");
            return Optional.empty();
        }
        boolean drift = cause == TriggerPolicy.Cause.CONCEPT_DRIFT || cause == TriggerPolicy.Cause.FEATURE_DRIFT;
        RetrainingTrigger trigger = RetrainingTrigger.newBuilder()
                .setIdempotencyKey(o.modelId() + "/" + version + "/" + at)
                .setModelId(o.modelId())
                .setModelVersion(version)
                .setTriggeredAt(Instant.ofEpochMilli(wallClock))
                .setReason(cause.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": "
                        + o.rule().condition().describe() + (o.subject() == null ? "" : " (" + o.subject() + ")")
                        + ", " + Alerts.measured(o.evidence()))
                .setRuleIds(List.of(o.rule().id()))
                .setEvidence(List.of(o.evidence()))
                .setTrainingDataFrom(Instant.ofEpochMilli(sameVersion && triggeredBefore ? activity.lastTriggerAt
                        : activity.firstWindow(version)))
                .setTrainingDataTo(Instant.ofEpochMilli(at))
                .setNewLabeledCount(newLabels)
                .setPreviousTriggerAt(triggeredBefore ? Instant.ofEpochMilli(activity.lastTriggerAt) : null)
                .setStatus(TriggerStatus.OPEN)
                .setReferenceProfileKey(drift ? o.modelId() + "/" + version : null)
                .build();
        activity.lastTriggerAt = at;
        activity.labelsAtLastTrigger = labels;
        activity.lastTriggerVersion = version;
        activity.openTrigger = trigger;
        metrics.trigger(o.modelId());
        return Optional.of(KeyValue.pair(o.modelId(), trigger));
    }

    /** When a new version of the model appears, its open trigger is resolved: the retraining job's loop closes. */
    Optional<KeyValue<String, RetrainingTrigger>> newVersion(ModelActivity activity, String version) {
        RetrainingTrigger open = activity.openTrigger;
        if (open == null || open.getModelVersion().equals(version)) {
            return Optional.empty();
        }
        activity.openTrigger = null;
        RetrainingTrigger resolved = RetrainingTrigger.newBuilder(open).setStatus(TriggerStatus.RESOLVED)
                .setResolvedByVersion(version).build();
        return Optional.of(KeyValue.pair(open.getModelId(), resolved));
    }

    /**
     * Which cause an observation is: a detector at DRIFT while its alert fires; the first
     * notification of an important feature's drift (or of dataset drift, when no feature is
     * important); a labelled (or estimated) metric violated for the policy's number of windows while firing.
     */
    private static TriggerPolicy.Cause cause(Observation o, AlertLifecycle.Transition t, TriggerPolicy policy) {
        boolean firing = t.next().phase() == AlertLifecycle.Phase.FIRING;
        boolean firstNotification = t.notification().map(n -> !n.resolved() && n.number() == 1).orElse(false);
        if (o.rule().condition() instanceof DriftCondition d) {
            return switch (d.target()) {
                case CONCEPT -> firing && o.violated() && o.evidence().getStatistic().endsWith(":" + DetectorState.DRIFT)
                        ? TriggerPolicy.Cause.CONCEPT_DRIFT : null;
                case FEATURES -> firstNotification && policy.importantFeatures().contains(o.subject())
                        ? TriggerPolicy.Cause.FEATURE_DRIFT : null;
                case DATASET -> firstNotification && policy.importantFeatures().isEmpty()
                        ? TriggerPolicy.Cause.FEATURE_DRIFT : null;
                case PREDICTION, MULTIVARIATE -> null;
            };
        }
        if (o.rule().condition() instanceof MetricCondition m && firing && o.violated()
                && t.next().violations() == Math.max(policy.performanceWindows(), o.rule().lifecycle().windowsToFire())) {
            return m.needsLabels() ? TriggerPolicy.Cause.PERFORMANCE
                    : SnapshotMetrics.isEstimated(m.metric()) ? TriggerPolicy.Cause.ESTIMATED_PERFORMANCE : null;
        }
        return null;
    }
}
