package io.driftwatch.metrics.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.metrics.estimation.CostMatrix;
import io.driftwatch.runtime.config.ModelCatalogue;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class MetricsSettingsTest {

    private static MetricsSettings read(Map<String, Object> section) {
        return MetricsSettings.fromSection(section, ModelCatalogue.EMPTY);
    }

    @Test
    void aCostMatrixShouldBeReadPerModelWithUnnamedOutcomesWorthNothing() {
        MetricsSettings settings = read(Map.of(
                "cost-matrix", Map.of("true-positive", 40, "false-negative", -40),
                "models", List.of(Map.of("model", "churn", "cost-matrix", Map.of("false-positive", -5)),
                        Map.of("model", "other", "segment-values", "clear"))));
        assertThat(settings.model("any").costs()).isEqualTo(new CostMatrix(40, 0, -40, 0));
        assertThat(settings.model("churn").costs()).isEqualTo(new CostMatrix(0, -5, 0, 0));
        assertThat(settings.model("other").costs()).as("inherited").isEqualTo(new CostMatrix(40, 0, -40, 0));
        assertThat(read(Map.of()).model("any").costs()).isNull();
        assertThat(read(Map.of()).captureLabels()).isEqualTo(10_000);
    }

    /** Model entries are by id or glob in every processor, as in alerting: the exact id, else the most specific glob. */
    @Test
    void aModelEntryShouldMatchByGlobAndAnExactIdBeatIt() {
        MetricsSettings settings = read(Map.of("models", List.of(
                Map.of("model", "churn-*", "segment-values", "clear"), Map.of("model", "churn-eu", "segment-values", "hashed"))));
        assertThat(settings.model("churn-us").clearSegmentValues()).isTrue();
        assertThat(settings.model("churn-eu").clearSegmentValues()).isFalse();
        assertThat(settings.model("basket").clearSegmentValues()).isFalse();
    }

    @Test
    void theKeysThatMovedToTheCatalogueShouldSayWhereTheyLiveNow() {
        for (String key : List.of("positive-label", "label-horizon", "segments")) {
            assertThatThrownBy(() -> read(Map.of(key, "x"))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("metrics." + key).hasMessageContaining("moved to models[]." + key);
            assertThatThrownBy(() -> read(Map.of("models", List.of(Map.of("model", "m", key, "x")))))
                    .hasMessageContaining("metrics.models[0]." + key).hasMessageContaining("moved to models[]." + key);
        }
    }

    @Test
    void anUnknownOutcomeOrANonNumberShouldFailNamingTheKey() {
        assertThatThrownBy(() -> read(Map.of("cost-matrix", Map.of("true-postive", 1))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metrics.cost-matrix.true-postive");
        assertThatThrownBy(() -> read(Map.of("cost-matrix", Map.of("true-positive", "lots"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metrics.cost-matrix.true-positive");
    }
}
