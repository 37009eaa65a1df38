package io.driftwatch.alerting.rules;

/** What a rule watches; one of {@link MetricCondition}, {@link DriftCondition} or {@link SilenceCondition}. */
public interface RuleCondition {

    /** Consecutive violating windows before the alert fires. */
    int windows();

    /** The condition written back, for summaries. */
    String describe();
}
