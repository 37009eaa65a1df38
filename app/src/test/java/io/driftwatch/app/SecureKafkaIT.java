package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.kafka.BrokerSecurity;
import io.driftwatch.runtime.streams.Health;
import io.driftwatch.runtime.testing.CapturedLogs;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicProvisioner;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Driftwatch against a broker that requires TLS and SASL/SCRAM-SHA-512 and allows nothing
 * without an ACL, holding only the ACLs {@link Pipeline#acls} lists, with a registry that requires
 * Basic auth, and the secrets given as references: the Kafka password through Kafka's own
 * FileConfigProvider, the registry's credentials through Driftwatch's ${env:…}. Every log line of each test is
 * captured and must not hold a password.
 */
class SecureKafkaIT {

    @RegisterExtension
    static final KafkaTestCluster kafka = KafkaTestCluster.secure();

    private static final String PRINCIPAL = "User:driftwatch";
    private CapturedLogs logs;

    @BeforeEach
    void captureLogs() {
        TrustedAvroPackages.trustEvents();
        logs = CapturedLogs.start();
    }

    @AfterEach
    void noPasswordInAnyLogLine() {
        logs.close();
        BrokerSecurity security = kafka.security();
        List<String> secrets = List.of(security.password("driftwatch"), security.password(BrokerSecurity.ADMIN),
                security.certificate().password(), kafka.registryUserInfo().split(":")[1]);
        assertThat(logs.lines()).isNotEmpty()
                .allSatisfy(line -> secrets.forEach(secret -> assertThat(line).doesNotContain(secret)));
    }

    @Test
    void thePipelineShouldRunExactlyOnceWithOnlyItsAcls() throws Exception {
        DriftwatchConfig config = setUp("s1", kafka.security().password("driftwatch"), acl -> true);
        TopicCatalogue topics = kafka.catalogue(config);
        try (Pipeline pipeline = Pipeline.start(config, List.of())) {
            await("every processor running").atMost(Duration.ofSeconds(120))
                    .until(() -> pipeline.runner().health().status() == Health.Status.UP);
            Instant window = Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
            Map<String, PredictionEvent> predictions = new LinkedHashMap<>();
            Map<String, GroundTruthEvent> truths = new LinkedHashMap<>();
            for (int i = 0; i < 300; i++) {
                PredictionEvent p = prediction("p" + i, window.plusMillis(i * 100L));
                predictions.put(p.getPredictionId(), p);
                if (i % 3 != 0) {
                    truths.put(p.getPredictionId(), GroundTruthEvent.newBuilder().setPredictionId(p.getPredictionId())
                            .setModelId("churn").setEventTime(p.getEventTime().plusSeconds(5)).setActualLabel("1").build());
                }
            }
            kafka.produce(topics.name(TopicCatalogue.PREDICTIONS), new StringSerializer(),
                    topics.valueSerde(TopicCatalogue.PREDICTIONS).serializer(), predictions);
            kafka.produce(topics.name(TopicCatalogue.GROUND_TRUTH), new StringSerializer(),
                    topics.valueSerde(TopicCatalogue.GROUND_TRUTH).serializer(), truths);
            // Later predictions on every partition move the clocks past the window and its grace.
            Map<String, PredictionEvent> ticks = new LinkedHashMap<>();
            for (int i = 0; i < 8; i++) {
                ticks.put("tick" + i, prediction("tick" + i, window.plus(5, ChronoUnit.MINUTES)));
            }
            kafka.produce(topics.name(TopicCatalogue.PREDICTIONS), new StringSerializer(),
                    topics.valueSerde(TopicCatalogue.PREDICTIONS).serializer(), ticks);

            // Read committed: the window's snapshot and its revisions as labels arrive, until all 200 are in.
            List<MetricSnapshot> snapshots = new ArrayList<>();
            await("the window's snapshot with every label").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                snapshots.clear();
                kafka.readAll(topics.name(TopicCatalogue.METRICS), new StringDeserializer(),
                        topics.valueSerde(TopicCatalogue.METRICS).deserializer()).forEach(r -> {
                            MetricSnapshot s = r.value();
                            if (s.getWindowStart().equals(window) && s.getHorizon().equals("base")
                                    && s.getSegment().equals("*") && !s.getProvisional()) {
                                snapshots.add(s);
                            }
                        });
                assertThat(snapshots).extracting(MetricSnapshot::getLabeledCount).contains(200L);
            });
            // Exactly once: each revision once, every prediction counted once in each, no label beyond the 200.
            assertThat(snapshots).extracting(MetricSnapshot::getRevision).doesNotHaveDuplicates();
            assertThat(snapshots).extracting(MetricSnapshot::getPredictionCount).containsOnly(300L);
            assertThat(snapshots).extracting(MetricSnapshot::getLabeledCount).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(200L));
            assertThat(kafka.readAll(topics.name(TopicCatalogue.VALIDATED_PREDICTIONS), new StringDeserializer(),
                    new StringDeserializer())).hasSize(308);
            assertThat(kafka.readAll(topics.name(TopicCatalogue.DEAD_LETTER), new StringDeserializer(),
                    new StringDeserializer())).isEmpty();
        }
    }

    @Test
    void withoutTheTransactionalIdAclAProcessorShouldGoDownWithTheAuthorizationErrorInsteadOfHanging() {
        DriftwatchConfig config = setUp("s2", kafka.security().password("driftwatch"),
                acl -> acl.pattern().resourceType() != ResourceType.TRANSACTIONAL_ID);
        try (Pipeline pipeline = Pipeline.start(config, List.of("pipeline"))) {
            await("the processor down").atMost(Duration.ofSeconds(90))
                    .until(() -> pipeline.runner().health().status() == Health.Status.DOWN);
            assertThat(logs.lines()).anySatisfy(line -> assertThat(line)
                    .contains("unrecoverable failure").contains("TransactionalIdAuthorizationException"));
        }
    }

    @Test
    void aWrongPasswordShouldFailTheStartAtOnceSayingSo() {
        DriftwatchConfig config = setUp("s3", "not-the-password", acl -> true);
        assertThatThrownBy(() -> Pipeline.start(config, List.of()).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rejected Driftwatch's credentials")
                .hasMessageContaining("kafka.sasl.jaas.config");
    }

    /**
     * Topics created by the admin, the ACLs of {@link Pipeline#acls} that {@code keep} keeps, and
     * the configuration of user driftwatch with {@code password}, given as ${env:…} references.
     */
    private DriftwatchConfig setUp(String prefix, String password, Predicate<AclBinding> keep) {
        BrokerSecurity security = kafka.security();
        String unique = prefix + UUID.randomUUID().toString().substring(0, 6);
        // The Kafka password through Kafka's own FileConfigProvider; the registry's through Driftwatch's ${env:…}.
        Path secrets = KafkaTestCluster.tempDir("secrets").resolve("kafka.properties");
        try {
            Files.writeString(secrets, "password=" + password + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> client = new HashMap<>(security.clientProperties("driftwatch",
                "${file:" + secrets + ":password}"));
        client.put("bootstrap.servers", kafka.bootstrapServers());
        client.put("config.providers", "file");
        client.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        Map<String, String> environment = Map.of("REGISTRY_USER_INFO", kafka.registryUserInfo());
        Map<String, Object> tree = new HashMap<>(Map.of(
                "kafka", client,
                "schema-registry", Map.of("url", kafka.registryUrl(), "basic.auth.user.info", "${env:REGISTRY_USER_INFO}"),
                "topics", Map.of("partitions", 2, "prefix", unique + ".", "provision", false),
                "processing", Map.of("application-id-prefix", unique, "commit-interval", "100ms",
                        "state-dir", KafkaTestCluster.tempDir("state").toString())));
        DriftwatchConfig config = KafkaTestCluster.withFreeHttpPort(DriftwatchConfig.fromMap(tree, environment));
        Map<String, Object> asAdmin = new HashMap<>(tree);
        asAdmin.put("kafka", kafka.adminProperties());
        DriftwatchConfig adminConfig = DriftwatchConfig.fromMap(asAdmin, environment);
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin, TopicCatalogue.of(adminConfig), 2, Optional.empty()).provision(TopicCatalogue.ALL);
            admin.createAcls(Pipeline.acls(PRINCIPAL, adminConfig, List.of()).stream().filter(keep).toList()).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare topics and ACLs", e);
        }
        return config;
    }

    private static PredictionEvent prediction(String id, Instant time) {
        return PredictionEvent.newBuilder().setPredictionId(id).setModelId("churn").setModelVersion("1")
                .setEventTime(time).setNumericFeatures(Map.of("x", 1.0)).setCategoricalFeatures(Map.of())
                .setScore(0.8).setPredictedLabel("1").build();
    }
}
