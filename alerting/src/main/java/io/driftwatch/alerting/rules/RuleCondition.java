package io.driftwatch.alerting.rules;

/**
 * What a rule watches: a {@link MetricCondition}, {@link DriftCondition}, {@link SilenceCondition}
 * or {@link DeadLetterCondition}.
 */
public interface RuleCondition {

    /** Consecutive violating windows before the alert fires. */
    int windows();

    /** The condition written back, for summaries. */
    String describe();
}
