package io.driftwatch.alerting.rules;

import io.driftwatch.events.Severity;
import java.util.regex.Pattern;

/**
 * A configured metric rule: its id, the models it applies to (an id or a glob), the condition
 * and the severity of the alert it raises.
 */
public record MetricRule(String id, String models, MetricCondition condition, Severity severity) {

    /** Whether the rule applies to a model: {@code *} matches any run of characters, {@code ?} one. */
    public boolean appliesTo(String modelId) {
        return glob(models).matcher(modelId).matches();
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
