package io.driftwatch.alerting.rules;

import java.time.Duration;

/**
 * A model that has sent no predictions for {@code quietFor} (wall clock): checked on a
 * wall-clock interval, not only when records arrive, since a silent model sends none.
 */
public record SilenceCondition(Duration quietFor) implements RuleCondition {

    @Override
    public int windows() {
        return 1;
    }

    @Override
    public String describe() {
        return "no predictions for " + quietFor;
    }
}
