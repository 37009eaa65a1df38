package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.driftwatch.app.simulate.Scenario;
import io.driftwatch.app.simulate.ShopWorld;
import io.driftwatch.runtime.config.DriftwatchConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The files docker compose mounts (deploy/) are valid for the code of this checkout. */
class DeployFilesTest {

    private static final Path DEPLOY = Path.of("..", "deploy");

    @Test
    void composeConfigurationShouldPassEveryProcessorsValidation() {
        DriftwatchConfig config = DriftwatchConfig.load(DEPLOY.resolve("driftwatch.yaml"), Map.of());
        assertThat(config.kafka()).containsEntry("bootstrap.servers", "kafka:9092");
        assertThat(Pipeline.validate(config, Pipeline.DEFAULT).rules().rules()).hasSize(6);
    }

    /** One model catalogue and set of processor settings for the demo and the compose stack, not two hand-kept copies. */
    @Test
    void composeProcessorSectionsShouldBeTheDemos() throws Exception {
        Map<String, Object> compose = new ObjectMapper(new YAMLFactory()).readValue(DEPLOY.resolve("driftwatch.yaml").toFile(),
                new TypeReference<Map<String, Object>>() { });
        Map<String, Object> demo = DemoConfiguration.sections();
        assertThat(demo).containsOnlyKeys("models", "ingest", "metrics", "drift", "alerting");
        demo.forEach((section, settings) -> assertThat(compose.get(section)).as(section).isEqualTo(settings));
        assertThat(DemoConfiguration.window()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void composeScenarioShouldDriftAndThenChangeItsConcept() {
        Scenario scenario = Scenario.load(DEPLOY.resolve("scenario.yaml"));
        ShopWorld.check(scenario);
        assertThat(scenario.at(Duration.ofHours(1)).clean()).isTrue();
        assertThat(scenario.at(Duration.ofHours(3)).numeric()).containsKey(ShopWorld.DAYS_SINCE_LAST_VISIT);
        assertThat(scenario.at(Duration.ofHours(5)).concept().segmentValue()).isEqualTo("DE");
    }

    @Test
    void badScenarioShouldNameTheKey() throws Exception {
        Path file = Files.createTempFile("scenario", ".yaml");
        Files.writeString(file, "phases:\n  - {name: drift, at: 1h, numeric: {x: {scale: 2, tilt: 1}}}\n");
        assertThatThrownBy(() -> Scenario.load(file)).isInstanceOf(ConfigException.class).hasMessageContaining("phases[0].numeric.x.tilt");
        Files.writeString(file, "phases:\n  - {name: drift, at: 1h, numeric: {basket: {scale: 2}}}\n");
        assertThatThrownBy(() -> ShopWorld.check(Scenario.load(file))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("drift.numeric.basket");
    }
}
