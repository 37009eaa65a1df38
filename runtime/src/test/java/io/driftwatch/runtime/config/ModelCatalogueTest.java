package io.driftwatch.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.events.TaskType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ModelCatalogueTest {

    @Test
    void shouldGiveEveryModelTheDocumentedDefaultsWithoutEntries() {
        ModelSpec any = ModelCatalogue.EMPTY.model("anything");

        assertThat(any).isEqualTo(ModelSpec.DEFAULTS);
        assertThat(any.task()).isEqualTo(TaskType.UNKNOWN);
        assertThat(any.positiveLabel()).isEqualTo("1");
        assertThat(any.labelHorizon()).isEqualTo(Duration.ofDays(7));
        assertThat(any.segments()).isEmpty();
        assertThat(any.features()).isEmpty();
    }

    @Test
    void shouldReadEveryKeyAndTheContract() {
        ModelSpec basket = ModelCatalogue.of(List.of(Map.of("model", "basket", "task", "regression",
                "positive-label", "yes", "label-horizon", "2h", "segments", List.of("country"), "features", List.of(
                        Map.of("name", "value", "type", "numeric", "min", 0, "max", "1e4"),
                        Map.of("name", "device", "type", "categorical", "categories", List.of("mobile", "web"))))))
                .model("basket");

        assertThat(basket.task()).isEqualTo(TaskType.REGRESSION);
        assertThat(basket.positiveLabel()).isEqualTo("yes");
        assertThat(basket.labelHorizon()).isEqualTo(Duration.ofHours(2));
        assertThat(basket.segments()).containsExactly("country");
        assertThat(basket.features()).containsOnlyKeys("value", "device");
        assertThat(basket.features().get("value")).isEqualTo(FeatureSpec.numeric("value", 0.0, 1e4));
        assertThat(basket.features().get("device")).isEqualTo(FeatureSpec.categorical("device", Set.of("mobile", "web")));
    }

    @Test
    void entriesShouldInheritTheStarEntryWhereverItStandsAndMatchByTheOneGlobRule() {
        ModelCatalogue catalogue = ModelCatalogue.of(List.of(
                Map.of("model", "churn-*", "segments", List.of("plan")),
                Map.of("model", "churn-eu", "positive-label", "Y"),
                Map.of("model", "*", "label-horizon", "2d", "positive-label", "yes")));

        assertThat(catalogue.model("churn-us").segments()).containsExactly("plan");
        assertThat(catalogue.model("churn-us").labelHorizon()).isEqualTo(Duration.ofDays(2));
        assertThat(catalogue.model("churn-us").positiveLabel()).isEqualTo("yes");
        assertThat(catalogue.model("churn-eu").positiveLabel()).isEqualTo("Y");
        assertThat(catalogue.model("churn-eu").segments()).as("an exact id beats a glob; no merging of entries").isEmpty();
        assertThat(catalogue.model("other").labelHorizon()).isEqualTo(Duration.ofDays(2));
        assertThat(catalogue.model("other").segments()).isEmpty();
    }

    @Test
    void theShortestLabelHorizonShouldCoverTheDefaultsAndEveryEntry() {
        assertThat(ModelCatalogue.of(List.of(Map.of("model", "fast", "label-horizon", "1h"))).shortestLabelHorizon())
                .isEqualTo(Duration.ofHours(1));
        assertThat(ModelCatalogue.of(List.of(Map.of("model", "*", "label-horizon", "30m"),
                Map.of("model", "slow", "label-horizon", "1d"))).shortestLabelHorizon()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void shouldNameTheBadKey() {
        assertThatThrownBy(() -> ModelCatalogue.of(List.of(Map.of("task", "regression"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("models[0].model");
        assertThatThrownBy(() -> ModelCatalogue.of(List.of(Map.of("model", "m", "task", "clustering"))))
                .hasMessageContaining("models[0].task").hasMessageContaining("clustering");
        assertThatThrownBy(() -> ModelCatalogue.of(List.of(Map.of("model", "m", "label-horizon", "soon"))))
                .hasMessageContaining("models[0].label-horizon");
        assertThatThrownBy(() -> ModelCatalogue.of(List.of(Map.of("model", "m"), Map.of("model", "m"))))
                .hasMessageContaining("models[1].model").hasMessageContaining("twice");
        assertThatThrownBy(() -> ModelCatalogue.of(List.of(Map.of("model", "m", "features",
                List.of(Map.of("name", "x", "type", "numeric", "min", 5, "max", 1))))))
                .hasMessageContaining("models[0].features[0].min");
        assertThatThrownBy(() -> ModelCatalogue.of(List.of(Map.of("model", "m", "features",
                List.of(Map.of("name", "x", "type", "numeric", "maximum", 1))))))
                .hasMessageContaining("models[0].features[0].maximum").hasMessageContaining("models[0].features[0].max");
        assertThatThrownBy(() -> ModelCatalogue.of(List.of(Map.of("model", "m", "features",
                List.of(Map.of("name", "x", "type", "numeric", "categories", List.of("a")))))))
                .as("categories are a categorical feature's key only")
                .hasMessageContaining("models[0].features[0].categories").hasMessageContaining("unknown");
        assertThatThrownBy(() -> ModelCatalogue.of(List.of(Map.of("model", "*", "ground-truth-corrections", true))))
                .as("an error in the star entry is found too").hasMessageContaining("models[0].ground-truth-corrections");
    }
}
