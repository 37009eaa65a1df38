package io.driftwatch.alerting.config;

import io.driftwatch.alerting.rules.RuleSet;
import io.driftwatch.alerting.sinks.SinkSettings;
import io.driftwatch.alerting.triggers.TriggerPolicy;
import io.driftwatch.runtime.config.ConfigValues;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.config.ModelEntries;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;

/**
 * The {@code alerting} section: rules and silences ({@link RuleSet}), the retraining policy with
 * per-model overrides, the notification sinks and the interval of the wall-clock checks. Validated once at startup; every
 * error names the key.
 *
 * <pre>
 * alerting:
 *   check-interval: 30s          # wall-clock checks of rules that need no event (no-predictions-for)
 *   rules: [...]                 # see RuleSet
 *   sinks: {...}                 # see SinkSettings
 *   retraining:
 *     on: [concept-drift, performance, feature-drift]
 *     performance-windows: 3
 *     cooldown: 6h
 *     min-new-labels: 1000
 *     important-features: []     # feature drift that counts; empty: dataset drift counts
 *     models:                    # overrides by model id or glob; the most specific match wins
 *       - {model: "propensity*", cooldown: 12h, important-features: [basket_value]}
 * </pre>
 */
public record AlertingSettings(RuleSet rules, Duration checkInterval, TriggerPolicy defaultPolicy,
                               ModelEntries<TriggerPolicy> policies, SinkSettings sinks) {

    private static final String SECTION = "alerting";
    private static final Map<String, TriggerPolicy.Cause> CAUSES = Map.of(
            "concept-drift", TriggerPolicy.Cause.CONCEPT_DRIFT, "performance", TriggerPolicy.Cause.PERFORMANCE,
            "feature-drift", TriggerPolicy.Cause.FEATURE_DRIFT,
            "estimated-performance", TriggerPolicy.Cause.ESTIMATED_PERFORMANCE);

    public static AlertingSettings from(DriftwatchConfig config) {
        return fromSection(config.processorSection(SECTION));
    }

    public static AlertingSettings fromSection(Map<String, Object> section) {
        ConfigValues values = ConfigValues.ofSection(SECTION, section);
        RuleSet rules = RuleSet.read(values);
        Duration check = values.positiveDuration("alerting.check-interval", Duration.ofSeconds(30));
        SinkSettings sinks = SinkSettings.read(values);
        TriggerPolicy defaults = policy(values, "alerting.retraining.", TriggerPolicy.DEFAULTS);
        ModelEntries<TriggerPolicy> policies = values.perModel("alerting.retraining.models",
                (model, key) -> policy(model, key, defaults));
        values.requireAllRead();
        return new AlertingSettings(rules, check, defaults, policies, sinks);
    }

    private static TriggerPolicy policy(ConfigValues values, String prefix, TriggerPolicy d) {
        List<?> on = values.list(prefix + "on");
        Set<TriggerPolicy.Cause> causes = new HashSet<>(d.causes());
        if (!on.isEmpty()) {
            causes.clear();
            for (Object cause : on) {
                TriggerPolicy.Cause c = CAUSES.get(String.valueOf(cause).trim().toLowerCase(Locale.ROOT));
                if (c == null) {
                    throw new ConfigException(prefix + "on", cause, "expected some of " + CAUSES.keySet());
                }
                causes.add(c);
            }
        }
        List<?> important = values.list(prefix + "important-features");
        return new TriggerPolicy(causes,
                values.integer(prefix + "performance-windows", d.performanceWindows(), 1, 1_000),
                values.positiveDuration(prefix + "cooldown", d.cooldown()),
                values.integer(prefix + "min-new-labels", (int) d.minNewLabels(), 0, Integer.MAX_VALUE),
                important.isEmpty() ? d.importantFeatures() : new HashSet<>(important.stream().map(String::valueOf).toList()));
    }

    /** A model's retraining policy: the most specific matching override, else the section's. */
    public TriggerPolicy policy(String modelId) {
        TriggerPolicy own = policies.find(modelId);
        return own != null ? own : defaultPolicy;
    }
}
