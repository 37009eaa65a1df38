package io.driftwatch.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.alerting.config.AlertingSettings;
import io.driftwatch.events.Severity;
import io.driftwatch.runtime.config.ModelGlob;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RuleSetTest {

    @Test
    void shouldReadRulesWithDefaultsAndGlobs() {
        RuleSet rules = read(Map.of("rules", List.of(
                Map.of("id", "accuracy-low", "when", "accuracy < 0.85 for 3 windows", "severity", "critical",
                        "models", "propensity*"),
                Map.of("id", "slow", "when", "latency_p95_ms > 200"))));

        assertThat(rules.rules()).hasSize(2);
        Rule accuracy = rules.rules().get(0);
        assertThat(accuracy.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(accuracy.condition().windows()).isEqualTo(3);
        assertThat(accuracy.lifecycle().windowsToFire()).isEqualTo(3);
        assertThat(accuracy.lifecycle().windowsToResolve()).isEqualTo(2);
        assertThat(rules.rules().get(1).severity()).isEqualTo(Severity.WARNING);
        assertThat(rules.forModel("propensity-eu")).extracting(Rule::id).containsExactly("accuracy-low", "slow");
        assertThat(rules.forModel("basket")).extracting(Rule::id).containsExactly("slow");
        assertThat(ModelGlob.matches("m?.v1", "mX.v1")).isTrue();
        assertThat(ModelGlob.matches("m?.v1", "mXYv1")).isFalse();
    }

    @Test
    void aMoreSpecificRuleWithTheSameIdShouldOverrideOrDisableIt() {
        RuleSet rules = read(Map.of("resolve-after", 3, "rules", List.of(
                Map.of("id", "accuracy-low", "when", "accuracy < 0.85"),
                Map.of("id", "accuracy-low", "models", "propensity*", "when", "accuracy < 0.7", "resolve-after", 1),
                Map.of("id", "accuracy-low", "models", "propensity-test", "enabled", false),
                Map.of("id", "drift", "drift", "features", "features", List.of("tenure")),
                Map.of("id", "silent", "no-predictions-for", "15m"))));
        assertThat(((MetricCondition) rules.forModel("basket").get(0).condition()).value()).isEqualTo(0.85);
        assertThat(rules.forModel("basket").get(0).lifecycle().windowsToResolve()).isEqualTo(3);
        Rule propensity = rules.forModel("propensity-eu").get(0);
        assertThat(((MetricCondition) propensity.condition()).value()).isEqualTo(0.7);
        assertThat(propensity.lifecycle().windowsToResolve()).isEqualTo(1);
        assertThat(rules.forModel("propensity-test")).extracting(Rule::id).containsExactly("drift", "silent");
        assertThat(((DriftCondition) rules.forModel("x").get(1).condition()).watches("tenure")).isTrue();
        assertThat(((DriftCondition) rules.forModel("x").get(1).condition()).watches("plan")).isFalse();
        assertThat(((SilenceCondition) rules.forModel("x").get(2).condition()).quietFor()).hasMinutes(15);
    }

    @Test
    void silencesShouldCoverTheirModelsRulesAndTimeRange() {
        RuleSet rules = read(Map.of("silences", List.of(Map.of("models", "prop*", "rules", List.of("a"),
                "from", "2026-11-24T00:00:00Z", "to", "2026-11-24T06:00:00Z"))));
        Instant inside = Instant.parse("2026-11-24T01:00:00Z");
        assertThat(rules.silenced("propensity", "a", inside)).isTrue();
        assertThat(rules.silenced("propensity", "b", inside)).isFalse();
        assertThat(rules.silenced("basket", "a", inside)).isFalse();
        assertThat(rules.silenced("propensity", "a", Instant.parse("2026-11-24T06:00:00Z"))).isFalse();
    }

    @Test
    void anInvalidRuleShouldFailNamingTheRuleAndTheKey() {
        assertThatThrownBy(() -> read(Map.of("rules", List.of(
                Map.of("id", "accuracy-low", "when", "accuracy is bad")))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rule 'accuracy-low'").hasMessageContaining("alerting.rules[0].when");
        assertThatThrownBy(() -> read(Map.of("rules", List.of(
                Map.of("id", "a", "when", "accuracy < 1", "severity", "panic")))))
                .hasMessageContaining("alerting.rules[0].severity").hasMessageContaining("panic");
        assertThatThrownBy(() -> read(Map.of("rules", List.of(Map.of("when", "accuracy < 1")))))
                .hasMessageContaining("alerting.rules[0].id");
        assertThatThrownBy(() -> read(Map.of("rules", List.of(
                Map.of("id", "a", "when", "accuracy < 1", "for", 3)))))
                .hasMessageContaining("alerting.rules[0].for").hasMessageContaining("unknown");
        assertThatThrownBy(() -> read(Map.of("rules", List.of(
                Map.of("id", "a", "when", "accuracy < 1"), Map.of("id", "a", "when", "accuracy < 2")))))
                .hasMessageContaining("alerting.rules[1].id").hasMessageContaining("twice");
        assertThatThrownBy(() -> read(Map.of("rules", List.of(Map.of("id", "a", "when", "acuracy < 1")))))
                .hasMessageContaining("rule 'a'").hasMessageContaining("unknown metric 'acuracy'");
        assertThatThrownBy(() -> read(Map.of("rules", List.of(Map.of("id", "a", "when", "accuracy < 1", "drift", "dataset")))))
                .hasMessageContaining("rule 'a'").hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> read(Map.of("rules", List.of(Map.of("id", "a", "when", "dead_letter_rate drops 5% vs 1h")))))
                .hasMessageContaining("alerting.rules[0].when").hasMessageContaining("absolute");
        assertThatThrownBy(() -> read(Map.of("rules", List.of(Map.of("id", "a", "drift", "everything")))))
                .hasMessageContaining("alerting.rules[0].drift");
        assertThatThrownBy(() -> read(Map.of("silences", List.of(Map.of("from", "tomorrow", "to", "2026-11-24T06:00:00Z")))))
                .hasMessageContaining("alerting.silences[0].from");
        assertThatThrownBy(() -> AlertingSettings.fromSection(Map.of("retraining", Map.of("on", List.of("moon-phase")))))
                .hasMessageContaining("alerting.retraining.on");
        assertThatThrownBy(() -> read(Map.of("rulez", List.of())))
                .hasMessageContaining("alerting.rulez");
    }

    private static RuleSet read(Map<String, Object> section) {
        return AlertingSettings.fromSection(section).rules();
    }
}
