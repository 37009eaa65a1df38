package io.driftwatch.alerting.rules;

import io.driftwatch.runtime.config.ModelGlob;
import java.time.Instant;
import java.util.Set;

/**
 * A configured time range in which a model's alerts (of some rules, or all) are not sent to the
 * notification sinks; their state is still tracked and they still reach the alerts topic, marked
 * {@code silenced}.
 *
 * @param rules the rule ids it covers; empty for every rule
 */
public record Silence(String models, Set<String> rules, Instant from, Instant to, String comment) {

    public Silence {
        rules = Set.copyOf(rules);
    }

    public boolean covers(String modelId, String ruleId, Instant at) {
        return ModelGlob.matches(models, modelId)
                && (rules.isEmpty() || rules.contains(ruleId))
                && !at.isBefore(from) && at.isBefore(to);
    }
}
