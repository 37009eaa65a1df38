package io.driftwatch.alerting.rules;

import io.driftwatch.alerting.lifecycle.AlertLifecycle;
import io.driftwatch.events.Severity;
import io.driftwatch.runtime.config.ModelGlob;

/**
 * A configured rule: its id, the models it applies to (an id or a glob), what it watches, the
 * severity of its alerts and their lifecycle. A rule with the same id and a more specific
 * {@code models} overrides it for the models that match (see {@link RuleSet#forModel}).
 */
public record Rule(String id, String models, RuleCondition condition, Severity severity,
                   AlertLifecycle.Settings lifecycle, boolean enabled) {

    public boolean appliesTo(String modelId) {
        return ModelGlob.matches(models, modelId);
    }
}
