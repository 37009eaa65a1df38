package io.driftwatch.drift.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.drift.data.DriftMethod;
import io.driftwatch.drift.stats.MultipleTesting;
import io.driftwatch.runtime.config.ModelCatalogue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class DriftSettingsTest {

    private static DriftSettings read(Map<String, Object> section) {
        return DriftSettings.fromSection(section, ModelCatalogue.EMPTY);
    }

    @Test
    void theTaskShouldSayThatItMovedToTheCatalogue() {
        assertThatThrownBy(() -> read(Map.of("task", "regression"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("drift.task").hasMessageContaining("moved to models[].task");
        assertThatThrownBy(() -> read(Map.of("models", List.of(Map.of("model", "m", "task", "regression")))))
                .hasMessageContaining("drift.models[0].task").hasMessageContaining("moved to models[].task");
    }

    @Test
    void defaultsShouldBeTheDesignsAndThePapers() {
        DriftSettings settings = read(Map.of());
        ModelDriftSettings model = settings.model("any");
        assertThat(settings.window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(model.minWindowSamples()).isEqualTo(500);
        assertThat(model.autoCaptureSamples()).isEqualTo(10_000);
        assertThat(model.thresholds().alpha()).isEqualTo(0.05);
        assertThat(model.thresholds().minimumEffect(DriftMethod.WASSERSTEIN)).isEqualTo(0.1);
        assertThat(model.thresholds().minimumEffect(DriftMethod.PSI)).isEqualTo(0.2);
        assertThat(model.multipleTesting()).isEqualTo(MultipleTesting.BENJAMINI_HOCHBERG);
        assertThat(model.datasetDriftShare()).isEqualTo(0.5);
        assertThat(model.persistenceRequired()).isEqualTo(2);
        assertThat(model.persistenceWindows()).isEqualTo(3);
        assertThat(model.detectors().detectors()).containsOnlyKeys("ADWIN", "DDM", "EDDM", "PAGE_HINKLEY", "HDDM_A");
        assertThat(model.feature("x").method()).isNull();
    }

    @Test
    void aModelEntryShouldOverrideTheSectionWhichOverridesTheDefaults() {
        DriftSettings settings = read(Map.of(
                "alpha", 0.01, "psi-threshold", 0.3, "detectors", List.of("adwin", "ddm"),
                "models", List.of(Map.of("model", "churn", "multiple-testing", "bonferroni", "multivariate-alpha", 0,
                        "persistence", Map.of("required", 3, "windows", 5),
                        "detectors", List.of("page-hinkley"), "page-hinkley", Map.of("lambda", 25),
                        "features", List.of(Map.of("name", "tenure", "method", "psi", "psi-threshold", 0.25))))));
        ModelDriftSettings churn = settings.model("churn");
        assertThat(churn.thresholds().alpha()).isEqualTo(0.01);
        assertThat(churn.thresholds().minimumEffect(DriftMethod.PSI)).isEqualTo(0.3);
        assertThat(churn.multipleTesting()).isEqualTo(MultipleTesting.BONFERRONI);
        assertThat(churn.persistenceRequired()).isEqualTo(3);
        assertThat(churn.persistenceWindows()).isEqualTo(5);
        assertThat(churn.detectors().detectors()).containsOnlyKeys("PAGE_HINKLEY");
        assertThat(churn.detectors().params().phLambda()).isEqualTo(25);
        assertThat(churn.feature("tenure").method()).isEqualTo(DriftMethod.PSI);
        assertThat(churn.feature("tenure").thresholds().minimumEffect(DriftMethod.PSI)).isEqualTo(0.25);
        assertThat(churn.feature("tenure").thresholds().alpha()).isEqualTo(0.01);
        ModelDriftSettings other = settings.model("other");
        assertThat(other.detectors().detectors()).containsOnlyKeys("ADWIN", "DDM");
        assertThat(other.multipleTesting()).isEqualTo(MultipleTesting.BENJAMINI_HOCHBERG);
        assertThat(churn.multivariateAlpha()).as("switched off").isZero();
        assertThat(other.multivariateAlpha()).isEqualTo(0.01);
    }

    @Test
    void badValuesShouldFailNamingTheKey() {
        assertThatThrownBy(() -> read(Map.of("windw", "1m")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("drift.windw");
        assertThatThrownBy(() -> read(Map.of("detectors", List.of("adwin", "cusum"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("drift.detectors").hasMessageContaining("cusum");
        assertThatThrownBy(() -> read(Map.of("ddm", Map.of("warning-level", 4.0))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("drift.ddm").hasMessageContaining("DDM needs");
        assertThatThrownBy(() -> read(Map.of("multivariate-alpha", 1.5)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("drift.multivariate-alpha");
        assertThatThrownBy(() -> read(Map.of("persistence", Map.of("required", 4))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("drift.persistence.required")
                .hasMessageContaining("must not exceed");
        assertThatThrownBy(() -> read(Map.of("models", List.of(Map.of("model", "m",
                "features", List.of(Map.of("name", "f", "method", "t-test")))))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("drift.models[0].features[0].method");
        assertThatThrownBy(() -> read(Map.of("models", List.of(Map.of("model", "m", "window", "5m")))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("drift.models[0].window")
                .hasMessageContaining("unknown configuration key");
        assertThatThrownBy(() -> read(Map.of("multiple-testing", "holm")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("drift.multiple-testing");
    }
}
