package io.driftwatch.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.events.Severity;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RuleSetTest {

    @Test
    void shouldReadRulesWithDefaultsAndGlobs() {
        RuleSet rules = RuleSet.fromSection(Map.of("rules", List.of(
                Map.of("id", "accuracy-low", "when", "accuracy < 0.85 for 3 windows", "severity", "critical",
                        "models", "propensity*"),
                Map.of("id", "slow", "when", "latency_p95_ms > 200"))));

        assertThat(rules.rules()).hasSize(2);
        MetricRule accuracy = rules.rules().get(0);
        assertThat(accuracy.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(accuracy.condition().windows()).isEqualTo(3);
        assertThat(rules.rules().get(1).severity()).isEqualTo(Severity.WARNING);
        assertThat(rules.forModel("propensity-eu")).extracting(MetricRule::id).containsExactly("accuracy-low", "slow");
        assertThat(rules.forModel("basket")).extracting(MetricRule::id).containsExactly("slow");
        assertThat(new MetricRule("r", "m?.v1", accuracy.condition(), Severity.INFO).appliesTo("mX.v1")).isTrue();
        assertThat(new MetricRule("r", "m?.v1", accuracy.condition(), Severity.INFO).appliesTo("mXYv1")).isFalse();
    }

    @Test
    void anInvalidRuleShouldFailNamingTheRuleAndTheKey() {
        assertThatThrownBy(() -> RuleSet.fromSection(Map.of("rules", List.of(
                Map.of("id", "accuracy-low", "when", "accuracy is bad")))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rule 'accuracy-low'").hasMessageContaining("alerting.rules[0].when");
        assertThatThrownBy(() -> RuleSet.fromSection(Map.of("rules", List.of(
                Map.of("id", "a", "when", "accuracy < 1", "severity", "panic")))))
                .hasMessageContaining("alerting.rules[0].severity").hasMessageContaining("panic");
        assertThatThrownBy(() -> RuleSet.fromSection(Map.of("rules", List.of(Map.of("when", "accuracy < 1")))))
                .hasMessageContaining("alerting.rules[0].id");
        assertThatThrownBy(() -> RuleSet.fromSection(Map.of("rules", List.of(
                Map.of("id", "a", "when", "accuracy < 1", "for", 3)))))
                .hasMessageContaining("alerting.rules[0].for").hasMessageContaining("unknown");
        assertThatThrownBy(() -> RuleSet.fromSection(Map.of("rules", List.of(
                Map.of("id", "a", "when", "accuracy < 1"), Map.of("id", "a", "when", "accuracy < 2")))))
                .hasMessageContaining("alerting.rules[1].id").hasMessageContaining("twice");
        assertThatThrownBy(() -> RuleSet.fromSection(Map.of("rulez", List.of())))
                .hasMessageContaining("alerting.rulez");
    }
}
