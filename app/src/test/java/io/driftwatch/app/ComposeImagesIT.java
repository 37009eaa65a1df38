package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.driftwatch.app.simulate.Scenario;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.streams.Health;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The pipeline against the exact Kafka and Confluent Schema Registry images of docker-compose.yml,
 * with the configuration docker compose mounts (deploy/driftwatch.yaml): the simulator's
 * predictions and labels become metric snapshots. Needs Docker; skipped (and reported so) without.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeImagesIT {

    private static final Path ROOT = Path.of("..");
    private static final Network NETWORK = Network.newNetwork();

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(DockerImageName.parse(image("kafka")))
            .withNetwork(NETWORK).withListener("kafka:19092");

    @Container
    static final GenericContainer<?> REGISTRY = new GenericContainer<>(DockerImageName.parse(image("schema-registry")))
            .withNetwork(NETWORK).dependsOn(KAFKA).withExposedPorts(8081)
            .withEnv(Map.of("SCHEMA_REGISTRY_HOST_NAME", "schema-registry",
                    "SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081",
                    "SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092"))
            .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(3)));

    @Test
    void simulatedTrafficShouldBecomeMetricsOnTheComposeImages() throws Exception {
        TrustedAvroPackages.trustEvents();
        DriftwatchConfig config = DriftwatchConfig.load(ROOT.resolve("deploy/driftwatch.yaml"), Map.of(
                "DRIFTWATCH_KAFKA_BOOTSTRAP_SERVERS", KAFKA.getBootstrapServers(),
                "DRIFTWATCH_SCHEMA_REGISTRY_URL", "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8081),
                "DRIFTWATCH_PROCESSING_STATE_DIR", KafkaTestCluster.tempDir("state").toString(),
                "DRIFTWATCH_HTTP_BIND", "127.0.0.1",
                "DRIFTWATCH_HTTP_PORT", String.valueOf(freePort())));
        List<MetricSnapshot> snapshots = new CopyOnWriteArrayList<>();
        try (Pipeline pipeline = Pipeline.start(config, List.of())) {
            await().atMost(Duration.ofMinutes(2)).until(() -> pipeline.runner().health().status() == Health.Status.UP);
            try (OutputReader metrics = new OutputReader(config, List.of(TopicCatalogue.METRICS), true)) {
                Thread reader = new Thread(() -> metrics.forEach(v -> snapshots.add((MetricSnapshot) v)));
                reader.start();
                // Ten minutes of shop time in ten seconds: the 1-minute metric windows close as it goes.
                SimulateCommand.simulate(config, SimulateCommand.settings(5, "compose", 100, 60, Duration.ofSeconds(10),
                        Scenario.clean(), Duration.ofMinutes(1)), Duration.ofSeconds(5), p -> { });
                await("metric snapshots").atMost(Duration.ofMinutes(2)).until(() -> snapshots.stream()
                        .anyMatch(s -> s.getModelId().equals("purchase-propensity") && s.getLabeledCount() > 0));
                metrics.wakeup();
                reader.join();
            }
        }
        assertThat(snapshots).extracting(MetricSnapshot::getModelId).contains("purchase-propensity", "basket-value");
    }

    /** A service's image as docker-compose.yml pins it, so that this test runs what compose runs. */
    private static String image(String service) {
        try {
            JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
            return compose.path("services").path(service).path("image").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
