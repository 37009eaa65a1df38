package io.driftwatch.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.runtime.config.ModelCatalogue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {

    private static IngestSettings read(Map<String, Object> section) {
        return IngestSettings.fromSection(section, ModelCatalogue.EMPTY);
    }

    @Test
    void shouldHaveTheDocumentedDefaults() {
        IngestSettings settings = read(Map.of());
        assertThat(settings.maxFutureSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.earlyLabelGrace()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.groundTruthCorrections("anything")).isFalse();
        assertThat(settings.outputs()).isEqualTo(new IngestSettings.Outputs(true, true));
    }

    @Test
    void shouldReadPerModelCorrectionsByIdOrGlob() {
        IngestSettings settings = read(Map.of("ground-truth-corrections", "true", "models", List.of(
                Map.of("model", "basket-*", "ground-truth-corrections", "false"), Map.of("model", "churn"))));

        assertThat(settings.groundTruthCorrections("basket-eu")).isFalse();
        assertThat(settings.groundTruthCorrections("churn")).isTrue();
        assertThat(settings.groundTruthCorrections("other")).isTrue();
    }

    @Test
    void shouldNameTheBadKey() {
        assertThatThrownBy(() -> read(Map.of("early-label-grace", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.early-label-grace");
        assertThatThrownBy(() -> read(Map.of("early-label-grac", "1d")))
                .hasMessageContaining("ingest.early-label-grac").hasMessageContaining("unknown")
                .hasMessageContaining("ingest.early-label-grace");
        assertThatThrownBy(() -> read(Map.of("models", List.of(Map.of("ground-truth-corrections", "true")))))
                .hasMessageContaining("ingest.models[0].model");
        assertThatThrownBy(() -> read(Map.of("models", List.of(Map.of("model", "m"), Map.of("model", "m")))))
                .hasMessageContaining("ingest.models[1].model").hasMessageContaining("twice");
        assertThatThrownBy(() -> read(Map.of("ground-truth-corrections", "yes")))
                .hasMessageContaining("ingest.ground-truth-corrections");
    }

    @Test
    void shouldSayWhereTheKeysThatMovedToTheCatalogueLiveNow() {
        assertThatThrownBy(() -> read(Map.of("label-horizon", "3d")))
                .hasMessageContaining("ingest.label-horizon").hasMessageContaining("moved to models[].label-horizon");
        for (String key : List.of("task", "label-horizon", "features")) {
            assertThatThrownBy(() -> read(Map.of("models", List.of(Map.of("model", "m", key, "x")))))
                    .hasMessageContaining("ingest.models[0]." + key).hasMessageContaining("moved to models[]." + key);
        }
    }
}
