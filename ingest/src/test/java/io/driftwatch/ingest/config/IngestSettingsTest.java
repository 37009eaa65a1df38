package io.driftwatch.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.events.TaskType;
import io.driftwatch.ingest.contract.FeatureSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {

    @Test
    void shouldHaveTheDocumentedDefaults() {
        IngestSettings settings = IngestSettings.fromSection(Map.of());
        assertThat(settings.maxFutureSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.earlyLabelGrace()).isEqualTo(Duration.ofHours(1));
        ModelSettings any = settings.model("anything");
        assertThat(any.labelHorizon()).isEqualTo(Duration.ofDays(7));
        assertThat(any.corrections()).isFalse();
        assertThat(any.contract()).isEmpty();
        assertThat(any.task()).isEqualTo(TaskType.UNKNOWN);
    }

    @Test
    void shouldReadPerModelOverridesAndContracts() {
        IngestSettings settings = IngestSettings.fromSection(Map.of("label-horizon", "3d", "models", List.of(
                Map.of("model", "basket", "task", "regression", "label-horizon", "2h", "ground-truth-corrections", "true",
                        "features", List.of(
                                Map.of("name", "value", "type", "numeric", "min", 0, "max", "1e4"),
                                Map.of("name", "device", "type", "categorical", "categories", List.of("mobile", "web")))),
                Map.of("model", "churn"))));

        ModelSettings basket = settings.model("basket");
        assertThat(basket.labelHorizon()).isEqualTo(Duration.ofHours(2));
        assertThat(basket.corrections()).isTrue();
        assertThat(basket.task()).isEqualTo(TaskType.REGRESSION);
        assertThat(basket.contract().orElseThrow().features()).containsOnlyKeys("value", "device");
        assertThat(basket.contract().orElseThrow().feature("value").orElseThrow())
                .isEqualTo(FeatureSpec.numeric("value", 0.0, 1e4));
        assertThat(settings.model("churn").labelHorizon()).isEqualTo(Duration.ofDays(3));
        assertThat(settings.model("churn").contract()).isEmpty();
    }

    @Test
    void shouldNameTheBadKey() {
        assertThatThrownBy(() -> IngestSettings.fromSection(Map.of("label-horizon", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.label-horizon");
        assertThatThrownBy(() -> IngestSettings.fromSection(Map.of("label-horizn", "1d")))
                .hasMessageContaining("ingest.label-horizn").hasMessageContaining("unknown");
        assertThatThrownBy(() -> IngestSettings.fromSection(Map.of("models", List.of(Map.of("task", "regression")))))
                .hasMessageContaining("ingest.models[0].model");
        assertThatThrownBy(() -> IngestSettings.fromSection(Map.of("models", List.of(
                Map.of("model", "m", "task", "clustering")))))
                .hasMessageContaining("ingest.models[0].task").hasMessageContaining("clustering");
        assertThatThrownBy(() -> IngestSettings.fromSection(Map.of("models", List.of(Map.of("model", "m", "features",
                List.of(Map.of("name", "x", "type", "numeric", "min", 5, "max", 1)))))))
                .hasMessageContaining("ingest.models[0].features[0].min");
        assertThatThrownBy(() -> IngestSettings.fromSection(Map.of("models", List.of(Map.of("model", "m", "features",
                List.of(Map.of("name", "x", "type", "numeric", "maximum", 1)))))))
                .hasMessageContaining("ingest.models[0].features[0].maximum");
        assertThatThrownBy(() -> IngestSettings.fromSection(Map.of("models", List.of(Map.of("model", "m"), Map.of("model", "m")))))
                .hasMessageContaining("ingest.models[1].model").hasMessageContaining("twice");
        assertThatThrownBy(() -> IngestSettings.fromSection(Map.of("ground-truth-corrections", "yes")))
                .hasMessageContaining("ingest.ground-truth-corrections");
    }
}
