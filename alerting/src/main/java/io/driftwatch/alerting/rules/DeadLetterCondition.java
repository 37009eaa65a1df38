package io.driftwatch.alerting.rules;

/**
 * A threshold on the dead-letter rate: records dead-lettered per minute by one processor,
 * measured over each wall-clock check interval ({@code when: dead_letter_rate > 5}).
 */
public record DeadLetterCondition(MetricCondition threshold) implements RuleCondition {

    public static final String METRIC = "dead_letter_rate";

    @Override
    public int windows() {
        return threshold.windows();
    }

    @Override
    public String describe() {
        return threshold.describe() + " per minute";
    }
}
