package io.driftwatch.alerting.rules;

import io.driftwatch.alerting.lifecycle.AlertLifecycle;
import io.driftwatch.events.Severity;
import io.driftwatch.runtime.config.ConfigValues;
import io.driftwatch.runtime.config.ModelGlob;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;

/**
 * The rules and silences of the {@code alerting} section, validated at startup; an invalid rule
 * fails with an error naming the rule and the key.
 *
 * <pre>
 * alerting:
 *   resolve-after: 2                # clean windows before an alert resolves (default for every rule)
 *   renotify-interval: 4h           # how long a firing alert stays quiet before it is sent again
 *   rules:
 *     - id: accuracy-low
 *       when: accuracy &lt; 0.85 for 3 windows   # a metric (or data-quality rate) condition
 *       severity: critical          # info | warning (default) | critical
 *       models: "propensity*"       # a model id or glob; default every model
 *     - id: accuracy-low            # same id, more specific models: overrides the rule for them
 *       models: propensity-test
 *       enabled: false
 *     - id: drift
 *       drift: dataset              # dataset | features | prediction | concept
 *     - id: important-features
 *       drift: features
 *       features: [tenure, plan]    # default every feature
 *     - id: silent
 *       no-predictions-for: 15m
 *   silences:
 *     - {models: propensity, rules: [accuracy-low], from: 2026-11-24T00:00:00Z, to: 2026-11-24T06:00:00Z, comment: retrain}
 * </pre>
 */
public record RuleSet(List<Rule> rules, List<Silence> silences) {

    private static final Map<String, Severity> SEVERITIES = Map.of(
            "info", Severity.INFO, "warning", Severity.WARNING, "critical", Severity.CRITICAL);
    private static final Map<String, DriftCondition.Target> TARGETS = Map.of(
            "dataset", DriftCondition.Target.DATASET, "features", DriftCondition.Target.FEATURES,
            "prediction", DriftCondition.Target.PREDICTION, "multivariate", DriftCondition.Target.MULTIVARIATE,
            "concept", DriftCondition.Target.CONCEPT);

    public RuleSet {
        rules = List.copyOf(rules);
        silences = List.copyOf(silences);
    }

    /** Reads the rule keys of the section; the caller checks that no other key is left. */
    public static RuleSet read(ConfigValues values) {
        int resolveAfter = values.integer("alerting.resolve-after", 2, 1, 1_000);
        Duration renotify = values.positiveDuration("alerting.renotify-interval", Duration.ofHours(4));
        List<?> entries = values.list("alerting.rules");
        List<Rule> rules = new ArrayList<>();
        Set<String> idAndModels = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String key = "alerting.rules[" + i + "]";
            ConfigValues rule = ConfigValues.ofListEntry(key, entries.get(i));
            String id = rule.requiredString(key + ".id");
            String models = rule.string(key + ".models", "*");
            if (!idAndModels.add(id + '\u0000' + models)) {
                throw new ConfigException(key + ".id", id, "rule id used twice for the same models '" + models + "'");
            }
            try {
                rules.add(rule(rule, key, id, models, resolveAfter, renotify));
            } catch (ConfigException e) {
                throw new ConfigException("rule '" + id + "': " + e.getMessage());
            }
            rule.requireAllRead();
        }
        return new RuleSet(rules, silences(values));
    }

    private static Rule rule(ConfigValues rule, String key, String id, String models, int resolveAfter,
                             Duration renotify) {
        boolean enabled = rule.bool(key + ".enabled", true);
        String when = rule.string(key + ".when", null);
        String drift = rule.string(key + ".drift", null);
        Duration quiet = rule.string(key + ".no-predictions-for", null) == null ? null
                : rule.positiveDuration(key + ".no-predictions-for", null);
        List<?> features = rule.list(key + ".features");
        int kinds = (when != null ? 1 : 0) + (drift != null ? 1 : 0) + (quiet != null ? 1 : 0);
        if (kinds != 1 && enabled) {
            throw new ConfigException(key, id, "a rule needs exactly one of when, drift or no-predictions-for");
        }
        RuleCondition condition = null;
        if (when != null) {
            MetricCondition metric;
            try {
                metric = MetricCondition.parse(when);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key + ".when: " + e.getMessage());
            }
            if (DeadLetterCondition.METRIC.equals(metric.metric())) {
                if (metric.isRelative()) {
                    throw new ConfigException(key + ".when", when, "the dead-letter rate takes an absolute threshold");
                }
                condition = new DeadLetterCondition(metric);
            } else if (!SnapshotMetrics.isKnown(metric.metric())) {
                throw new ConfigException(key + ".when", when, "unknown metric '" + metric.metric() + "'; known are "
                        + SnapshotMetrics.known() + ", " + DeadLetterCondition.METRIC);
            } else {
                condition = metric;
            }
        } else if (drift != null) {
            DriftCondition.Target target = rule.oneOf(key + ".drift", null, TARGETS);
            if (!features.isEmpty() && target != DriftCondition.Target.FEATURES) {
                throw new ConfigException(key + ".features", features, "only a 'drift: features' rule names features");
            }
            condition = new DriftCondition(target, new HashSet<>(features.stream().map(String::valueOf).toList()));
        } else if (quiet != null) {
            condition = new SilenceCondition(quiet);
        }
        Severity severity = rule.oneOf(key + ".severity", "warning", SEVERITIES);
        AlertLifecycle.Settings lifecycle = new AlertLifecycle.Settings(condition == null ? 1 : condition.windows(),
                rule.integer(key + ".resolve-after", resolveAfter, 1, 1_000),
                rule.positiveDuration(key + ".renotify-interval", renotify));
        return new Rule(id, models, condition, severity, lifecycle, enabled);
    }

    private static List<Silence> silences(ConfigValues values) {
        List<?> entries = values.list("alerting.silences");
        List<Silence> silences = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String key = "alerting.silences[" + i + "]";
            ConfigValues silence = ConfigValues.ofListEntry(key, entries.get(i));
            Instant from = instant(silence, key + ".from");
            Instant to = instant(silence, key + ".to");
            if (!to.isAfter(from)) {
                throw new ConfigException(key + ".to", to, "must be after " + key + ".from (" + from + ")");
            }
            silences.add(new Silence(silence.string(key + ".models", "*"),
                    new HashSet<>(silence.list(key + ".rules").stream().map(String::valueOf).toList()), from, to,
                    silence.string(key + ".comment", "")));
            silence.requireAllRead();
        }
        return silences;
    }

    private static Instant instant(ConfigValues values, String key) {
        String raw = values.requiredString(key);
        try {
            return Instant.parse(raw.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new ConfigException(key, raw, "not an instant: use e.g. 2026-11-24T06:00:00Z");
        }
    }

    /**
     * The enabled rules that apply to a model: of the rules sharing an id, the one whose models
     * pattern is the most specific match (an exact id beats any glob).
     */
    public List<Rule> forModel(String modelId) {
        Map<String, Rule> chosen = new LinkedHashMap<>();
        for (Rule rule : rules) {
            if (rule.appliesTo(modelId)) {
                chosen.merge(rule.id(), rule, (a, b) -> ModelGlob.specificity(b.models()) > ModelGlob.specificity(a.models()) ? b : a);
            }
        }
        return chosen.values().stream().filter(Rule::enabled).toList();
    }

    /** Whether a silence covers the model's alerts of a rule at the given time. */
    public boolean silenced(String modelId, String ruleId, Instant at) {
        return silences.stream().anyMatch(s -> s.covers(modelId, ruleId, at));
    }
}
