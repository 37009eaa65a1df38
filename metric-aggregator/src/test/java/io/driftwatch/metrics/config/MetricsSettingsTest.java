package io.driftwatch.metrics.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.metrics.estimation.CostMatrix;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class MetricsSettingsTest {

    @Test
    void aCostMatrixShouldBeReadPerModelWithUnnamedOutcomesWorthNothing() {
        MetricsSettings settings = MetricsSettings.fromSection(Map.of(
                "cost-matrix", Map.of("true-positive", 40, "false-negative", -40),
                "models", List.of(Map.of("model", "churn", "cost-matrix", Map.of("false-positive", -5)),
                        Map.of("model", "other", "positive-label", "yes"))));
        assertThat(settings.model("any").costs()).isEqualTo(new CostMatrix(40, 0, -40, 0));
        assertThat(settings.model("churn").costs()).isEqualTo(new CostMatrix(0, -5, 0, 0));
        assertThat(settings.model("other").costs()).as("inherited").isEqualTo(new CostMatrix(40, 0, -40, 0));
        assertThat(MetricsSettings.fromSection(Map.of()).model("any").costs()).isNull();
        assertThat(MetricsSettings.fromSection(Map.of()).captureLabels()).isEqualTo(10_000);
    }

    /** Model entries are by id or glob in every processor, as in alerting: the exact id, else the most specific glob. */
    @Test
    void aModelEntryShouldMatchByGlobAndAnExactIdBeatIt() {
        MetricsSettings settings = MetricsSettings.fromSection(Map.of("models", List.of(
                Map.of("model", "churn-*", "positive-label", "yes"), Map.of("model", "churn-eu", "positive-label", "Y"))));
        assertThat(settings.model("churn-us").positiveLabel()).isEqualTo("yes");
        assertThat(settings.model("churn-eu").positiveLabel()).isEqualTo("Y");
        assertThat(settings.model("basket").positiveLabel()).isEqualTo("1");
    }

    @Test
    void anUnknownOutcomeOrANonNumberShouldFailNamingTheKey() {
        assertThatThrownBy(() -> MetricsSettings.fromSection(Map.of("cost-matrix", Map.of("true-postive", 1))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metrics.cost-matrix.true-postive");
        assertThatThrownBy(() -> MetricsSettings.fromSection(Map.of("cost-matrix", Map.of("true-positive", "lots"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metrics.cost-matrix.true-positive");
    }
}
