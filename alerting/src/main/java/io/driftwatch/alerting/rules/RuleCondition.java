package io.driftwatch.alerting.rules;

/**
 * What a rule watches: a {@link MetricCondition}, {@link DriftCondition}, {@link SilenceCondition}
 * or {@link DeadLetterCondition}; sealed, so that a switch over the kinds is exhaustive.
 */
public sealed interface RuleCondition permits MetricCondition, DriftCondition, SilenceCondition, DeadLetterCondition {

    /** Consecutive violating windows before the alert fires. */
    int windows();

    /** The condition written back, for summaries. */
    String describe();
}
