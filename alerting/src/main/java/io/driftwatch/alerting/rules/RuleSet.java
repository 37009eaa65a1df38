package io.driftwatch.alerting.rules;

import io.driftwatch.events.Severity;
import io.driftwatch.runtime.config.ConfigValues;
import io.driftwatch.runtime.config.DriftwatchConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;

/**
 * The metric rules of the {@code alerting} section, validated at startup; an invalid rule fails
 * with an error naming the rule and the key.
 *
 * <pre>
 * alerting:
 *   rules:
 *     - id: accuracy-low
 *       when: accuracy &lt; 0.85 for 3 windows
 *       severity: critical          # info | warning (default) | critical
 *       models: "propensity*"       # a model id or glob; default every model
 * </pre>
 */
public record RuleSet(List<MetricRule> rules) {

    private static final String SECTION = "alerting";
    private static final List<String> RULE_KEYS = List.of("id", "when", "severity", "models");
    private static final Map<String, Severity> SEVERITIES = Map.of(
            "info", Severity.INFO, "warning", Severity.WARNING, "critical", Severity.CRITICAL);

    public RuleSet {
        rules = List.copyOf(rules);
    }

    public static RuleSet from(DriftwatchConfig config) {
        return fromSection(config.processorSection(SECTION));
    }

    public static RuleSet fromSection(Map<String, Object> section) {
        ConfigValues values = ConfigValues.ofSection(SECTION, section);
        List<?> entries = values.list("alerting.rules");
        List<MetricRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String key = "alerting.rules[" + i + "]";
            ConfigValues rule = ConfigValues.ofListEntry(key, entries.get(i));
            String id = rule.requiredString(key + ".id");
            if (!ids.add(id)) {
                throw new ConfigException(key + ".id", id, "rule id used twice");
            }
            String when = rule.requiredString(key + ".when");
            MetricCondition condition;
            try {
                condition = MetricCondition.parse(when);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("rule '" + id + "': " + key + ".when: " + e.getMessage());
            }
            Severity severity = rule.oneOf(key + ".severity", "warning", SEVERITIES);
            rules.add(new MetricRule(id, rule.string(key + ".models", "*"), condition, severity));
            rule.requireAllRead(RULE_KEYS.stream().map(k -> key + "." + k).toList());
        }
        values.requireAllRead(List.of("alerting.rules"));
        return new RuleSet(rules);
    }

    /** The rules that apply to a model. */
    public List<MetricRule> forModel(String modelId) {
        return rules.stream().filter(rule -> rule.appliesTo(modelId)).toList();
    }
}
