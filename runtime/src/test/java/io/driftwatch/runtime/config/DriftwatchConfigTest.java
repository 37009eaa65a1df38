package io.driftwatch.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.events.TaskType;
import io.driftwatch.schemas.registry.RegistryClientConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftwatchConfigTest {

    private static final Map<String, Object> MINIMAL = Map.of(
            "kafka", Map.of("bootstrap.servers", "broker:9092"),
            "schema-registry", Map.of("url", "http://registry:8081"));

    @Test
    void shouldApplyDefaults() {
        DriftwatchConfig config = DriftwatchConfig.fromMap(MINIMAL, Map.of());

        assertThat(config.processing().guarantee()).isEqualTo(ProcessingGuarantee.EXACTLY_ONCE_V2);
        assertThat(config.processing().applicationIdPrefix()).isEqualTo("driftwatch");
        assertThat(config.topics().prefix()).isEmpty();
        assertThat(config.topics().partitions()).isEqualTo(4);
        assertThat(config.topics().replicationFactor()).isEmpty();
        assertThat(config.http().bind()).isEqualTo("127.0.0.1");
        assertThat(config.serdeConfigs()).containsEntry(RegistryClientConfig.URL, "http://registry:8081");
    }

    @Test
    void shouldLoadYamlAndPassKafkaPropertiesThroughUntouched(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("driftwatch.yaml");
        Files.writeString(file, """
                kafka:
                  bootstrap.servers: broker:9093
                  security.protocol: SASL_SSL
                  sasl.jaas.config: ${file:/etc/secrets.properties:jaas}
                schema-registry:
                  url: https://registry:8081
                  basic.auth.user.info: ${env:REGISTRY_USER}
                topics:
                  prefix: staging.
                  partitions: 12
                  replication-factor: 3
                processing:
                  guarantee: at_least_once
                  commit-interval: 2s
                http:
                  port: 9000
                drift:
                  min-sample-size: 500
                """);

        DriftwatchConfig config = DriftwatchConfig.load(file, Map.of("REGISTRY_USER", "alice:wonderland"));

        assertThat(config.kafka()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "${file:/etc/secrets.properties:jaas}");
        assertThat(config.serdeConfigs()).containsEntry("basic.auth.user.info", "alice:wonderland");
        assertThat(config.topics().prefix()).isEqualTo("staging.");
        assertThat(config.topics().replicationFactor()).contains((short) 3);
        assertThat(config.processing().guarantee()).isEqualTo(ProcessingGuarantee.AT_LEAST_ONCE);
        assertThat(config.processing().commitInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.http().port()).isEqualTo(9000);
        assertThat(config.processorSection("drift")).containsEntry("min-sample-size", 500);
    }

    @Test
    void shouldLetEnvironmentOverrideTheFile() {
        DriftwatchConfig config = DriftwatchConfig.fromMap(MINIMAL, Map.of(
                "DRIFTWATCH_KAFKA_BOOTSTRAP_SERVERS", "other:9092",
                "DRIFTWATCH_SCHEMA_REGISTRY_URL", "http://other:8081",
                "DRIFTWATCH_HTTP_PORT", "9100",
                "DRIFTWATCH_PROCESSING_APPLICATION_ID_PREFIX", "prod",
                "PATH", "/usr/bin"));

        assertThat(config.kafka()).containsEntry("bootstrap.servers", "other:9092");
        assertThat(config.serdeConfigs()).containsEntry(RegistryClientConfig.URL, "http://other:8081");
        assertThat(config.http().port()).isEqualTo(9100);
        assertThat(config.processing().applicationIdPrefix()).isEqualTo("prod");
    }

    @Test
    void anEnvironmentOverrideShouldTakeSecretReferencesAndListsAsTheFileDoes() {
        DriftwatchConfig config = DriftwatchConfig.fromMap(MINIMAL, Map.of(
                "DRIFTWATCH_HTTP_TOKEN", "${env:TOKEN}", "TOKEN", "a-token-of-twenty-chars",
                "DRIFTWATCH_HTTP_OPEN", "health, metrics"));

        assertThat(config.http().token()).contains("a-token-of-twenty-chars");
        assertThat(config.http().open()).containsExactlyInAnyOrder("health", "metrics");
    }

    @Test
    void shouldNameTheLineOfAYamlSyntaxErrorWithoutEchoingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("driftwatch.yaml");
        Files.writeString(file, """
                kafka:
                  bootstrap.servers: localhost:9092
                  sasl.jaas.config: "org.apache.kafka.common.security.scram.ScramLoginModule required password='s3cr3t-Canary';"
                http:
                  token: tok3n-Canary-0123456789
                   bad-indent: [unclosed
                """);

        assertThatThrownBy(() -> DriftwatchConfig.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not valid YAML at line 6")
                .hasMessageNotContaining("Canary").hasMessageNotContaining("bad-indent");
        assertThatThrownBy(() -> DriftwatchConfig.load(dir.resolve("missing.yaml"), Map.of()))
                .hasMessageContaining("missing.yaml does not exist");
    }

    @Test
    void shouldNameTheBadKeyAndValue() {
        assertThatThrownBy(() -> DriftwatchConfig.fromMap(with("processing", Map.of("guarantee", "maybe_once")), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("processing.guarantee").hasMessageContaining("maybe_once");
        assertThatThrownBy(() -> DriftwatchConfig.fromMap(with("topics", Map.of("partitions", 0)), Map.of()))
                .hasMessageContaining("topics.partitions");
        assertThatThrownBy(() -> DriftwatchConfig.fromMap(with("processing", Map.of("commit-interval", "soon")), Map.of()))
                .hasMessageContaining("processing.commit-interval").hasMessageContaining("soon");
        assertThatThrownBy(() -> DriftwatchConfig.fromMap(Map.of("schema-registry", Map.of("url", "http://r")), Map.of()))
                .hasMessageContaining("kafka.bootstrap.servers");
        assertThatThrownBy(() -> DriftwatchConfig.fromMap(with("schema-registry", Map.of("url", "registry:8081")), Map.of()))
                .hasMessageContaining("schema.registry.url").hasMessageContaining("registry:8081");
    }

    @Test
    void shouldRejectUnknownKeysAndEnvironmentVariables() {
        assertThatThrownBy(() -> DriftwatchConfig.fromMap(with("http", Map.of("prot", 80)), Map.of()))
                .hasMessageContaining("http.prot").hasMessageContaining("unknown");
        assertThatThrownBy(() -> DriftwatchConfig.fromMap(MINIMAL, Map.of("DRIFTWATCH_HTTP_PROT", "80")))
                .hasMessageContaining("DRIFTWATCH_HTTP_PROT").hasMessageContaining("DRIFTWATCH_HTTP_PORT")
                .hasMessageContaining("DRIFTWATCH_PROCESSING_STATE_DIR").hasMessageNotContaining("80");
        assertThatThrownBy(() -> DriftwatchConfig.fromMap(MINIMAL, Map.of("DRIFTWATCH_METRICS_WINDOW", "5m")))
                .as("processor sections are not overridden from the environment")
                .hasMessageContaining("DRIFTWATCH_METRICS_WINDOW");
        // The models catalogue is a list of entries: a map keyed by model id is refused, not ignored.
        assertThatThrownBy(() -> DriftwatchConfig.fromMap(with("models", Map.of("churn", Map.of("task", "regression"))),
                Map.of())).hasMessageContaining("models.churn.task").hasMessageContaining("unknown");
        assertThatThrownBy(() -> DriftwatchConfig.fromMap(with("models", List.of(Map.of("model", "churn", "tsk", "x"))),
                Map.of())).hasMessageContaining("models[0].tsk").hasMessageContaining("models[0].task");
    }

    @Test
    void shouldReadTheModelsCatalogue() {
        DriftwatchConfig config = DriftwatchConfig.fromMap(with("models", List.of(
                Map.of("model", "churn", "task", "regression"))), Map.of());

        assertThat(config.models().model("churn").task()).isEqualTo(TaskType.REGRESSION);
        assertThat(DriftwatchConfig.fromMap(MINIMAL, Map.of()).models()).isEqualTo(ModelCatalogue.EMPTY);
    }

    @Test
    void anUnknownKeysErrorShouldNotEchoItsValueWhichMayBeASecret() {
        assertThatThrownBy(() -> DriftwatchConfig.fromMap(with("http", Map.of("tokn", "s3cret-value-0123456789")), Map.of()))
                .hasMessageContaining("http.tokn").hasMessageNotContaining("s3cret");
    }

    @Test
    void aNonLoopbackBindShouldNeedTlsAndATokenOrAnExplicitInsecure(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> DriftwatchConfig.fromMap(with("http", Map.of("bind", "0.0.0.0")), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.bind")
                .hasMessageContaining("http.tls.keystore.location").hasMessageContaining("http.insecure");
        assertThatThrownBy(() -> DriftwatchConfig.fromMap(with("http", Map.of("bind", "0.0.0.0",
                "token", "a-long-enough-token-0123456789")), Map.of())).hasMessageContaining("http.bind");
        assertThat(DriftwatchConfig.fromMap(with("http", Map.of("bind", "0.0.0.0")),
                Map.of("DRIFTWATCH_HTTP_INSECURE", "true")).http().insecure()).isTrue();

        Path keyStore = Files.write(dir.resolve("http.p12"), new byte[] {1});
        DriftwatchConfig.Http secured = DriftwatchConfig.fromMap(with("http", Map.of("bind", "0.0.0.0",
                "token", "a-long-enough-token-0123456789", "tls", Map.of("keystore", Map.of("location", keyStore.toString(),
                        "password", "store-password-42")), "open", "metrics, health")), Map.of()).http();
        assertThat(secured.tls()).isPresent();
        assertThat(secured.open()).containsExactlyInAnyOrder("metrics", "health");
        assertThat(secured.toString()).doesNotContain("a-long-enough-token").doesNotContain("store-password-42");
        assertThat(DriftwatchConfig.fromMap(MINIMAL, Map.of()).http().open())
                .containsExactlyInAnyOrder("health", "ready", "dashboard");
    }

    @Test
    void shouldRejectAShortTokenAndAnUnknownOpenEndpointWithoutEchoingTheToken() {
        assertThatThrownBy(() -> DriftwatchConfig.fromMap(with("http", Map.of("token", "short-secret")), Map.of()))
                .hasMessageContaining("http.token").hasMessageContaining("16").hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> DriftwatchConfig.fromMap(with("http", Map.of("open", List.of("health", "admin"))),
                Map.of())).hasMessageContaining("http.open").hasMessageContaining("admin");
    }

    @Test
    void shouldResolveSecretReferencesInTheSyntaxOfKafkasConfigProviders(@TempDir Path dir) throws IOException {
        Path secrets = Files.writeString(dir.resolve("secrets.properties"), "registry=alice:from-a-file\n");
        Files.writeString(dir.resolve("token"), "token-from-a-mounted-file-0123");
        Map<String, Object> tree = with("http", Map.of("token", "${dir:" + dir + ":token}"));
        tree.put("kafka", Map.of("bootstrap.servers", "broker:9092", "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"dw\" password=\"${env:KAFKA_PASSWORD}\";"));
        tree.put("schema-registry", Map.of("url", "http://registry:8081",
                "basic.auth.user.info", "${file:" + secrets + ":registry}"));

        DriftwatchConfig config = DriftwatchConfig.fromMap(tree, Map.of("KAFKA_PASSWORD", "from-the-environment"));

        assertThat(config.serdeConfigs()).containsEntry(RegistryClientConfig.BASIC_AUTH_USER_INFO, "alice:from-a-file");
        assertThat(config.http().token()).hasValue("token-from-a-mounted-file-0123");
        // The kafka section is for Kafka's own config providers to resolve (config.providers), so left as it is.
        assertThat(config.kafka().get("sasl.jaas.config").toString()).contains("password=\"${env:KAFKA_PASSWORD}\"");
        // An unset variable fails at startup, naming the key and the reference.
        tree.put("schema-registry", Map.of("url", "http://registry:8081", "basic.auth.user.info", "${env:REGISTRY_USER}"));
        assertThatThrownBy(() -> DriftwatchConfig.fromMap(tree, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema-registry.basic.auth.user.info")
                .hasMessageContaining("${env:REGISTRY_USER}");
    }

    private static Map<String, Object> with(String section, Object values) {
        var map = new HashMap<String, Object>(MINIMAL);
        map.put(section, values);
        return map;
    }
}
