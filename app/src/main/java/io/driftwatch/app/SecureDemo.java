package io.driftwatch.app;

import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.kafka.BrokerSecurity;
import io.driftwatch.runtime.kafka.EmbeddedKafkaBroker;
import io.driftwatch.runtime.kafka.ProcessorAcls;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicProvisioner;
import io.driftwatch.schemas.registry.RegistryClientConfig;
import io.driftwatch.schemas.registry.server.EmbeddedSchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What {@code driftwatch demo --secure} sets up, as an operator would: a broker that requires TLS
 * and SASL/SCRAM-SHA-512 and allows nothing without an ACL, a registry that requires Basic auth,
 * Driftwatch as user {@value #DRIFTWATCH} holding exactly the ACLs of {@link Pipeline#acls}, the
 * shop (its serving app, training job and the demo's own reader) as user {@value #SHOP}, and every
 * secret in a properties file that the configuration only refers to ({@code ${file:…}}).
 */
final class SecureDemo {

    static final String DRIFTWATCH = "driftwatch";
    static final String SHOP = "shop";

    private final BrokerSecurity security;
    private final Path secrets;
    private final String registryUserInfo;

    private SecureDemo(BrokerSecurity security, Path secrets, String registryUserInfo) {
        this.security = security;
        this.secrets = secrets;
        this.registryUserInfo = registryUserInfo;
    }

    /** Certificates, users and the secrets file, under {@code dir}. */
    static SecureDemo create(Path dir) {
        BrokerSecurity security = BrokerSecurity.generate(dir, DRIFTWATCH, SHOP);
        String registryUserInfo = DRIFTWATCH + ":" + UUID.randomUUID();
        Path secrets = dir.resolve("secrets.properties");
        try {
            Files.writeString(secrets, String.join("\n",
                    DRIFTWATCH + ".password=" + security.password(DRIFTWATCH),
                    SHOP + ".password=" + security.password(SHOP),
                    "truststore.password=" + security.certificate().password(),
                    "registry.user.info=" + registryUserInfo, ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + secrets, e);
        }
        return new SecureDemo(security, secrets, registryUserInfo);
    }

    EmbeddedKafkaBroker startBroker(int port) {
        return EmbeddedKafkaBroker.startSecure(security, port);
    }

    EmbeddedSchemaRegistry startRegistry(EmbeddedKafkaBroker broker, int port) {
        return EmbeddedSchemaRegistry.builder().kafka(broker.adminProperties()).basicAuth(registryUserInfo).port(port)
                .start();
    }

    /** The {@code kafka} section of {@code user}: its password and the trust store's through Kafka's FileConfigProvider. */
    Map<String, Object> kafka(String bootstrapServers, String user) {
        Map<String, Object> kafka = new LinkedHashMap<>();
        kafka.put("bootstrap.servers", bootstrapServers);
        kafka.putAll(security.clientProperties(user, reference(user + ".password")));
        kafka.put("ssl.truststore.password", reference("truststore.password"));
        kafka.put("config.providers", "file");
        kafka.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        return kafka;
    }

    /** The {@code schema-registry} section: the Basic auth credentials through Driftwatch's own ${file:…}. */
    Map<String, Object> registry(String url) {
        return Map.of("url", url, RegistryClientConfig.BASIC_AUTH_USER_INFO, reference("registry.user.info"));
    }

    private String reference(String key) {
        return "${file:" + secrets + ":" + key + "}";
    }

    /** How many ACLs each user got. */
    record Grants(int driftwatch, int shop) {
    }

    /** As the admin: creates the topics, then the ACLs of both users. */
    Grants grant(EmbeddedKafkaBroker broker, DriftwatchConfig driftwatch) throws Exception {
        DriftwatchConfig asAdmin = new DriftwatchConfig(broker.adminProperties(), driftwatch.serdeConfigs(),
                driftwatch.topics(), driftwatch.processing(), driftwatch.http(), driftwatch.models(),
                driftwatch.processorSections());
        TopicCatalogue topics = TopicCatalogue.of(asAdmin);
        try (Admin admin = Admin.create(new HashMap<>(broker.adminProperties()))) {
            new TopicProvisioner(admin, topics, driftwatch.topics().partitions(), driftwatch.topics().replicationFactor())
                    .provision(TopicCatalogue.ALL);
        }
        // Read off the topologies, once the topics exist (the drift detector reads its inputs' partition count).
        List<AclBinding> pipeline = Pipeline.acls("User:" + DRIFTWATCH, asAdmin, List.of());
        List<AclBinding> shop = new ArrayList<>();
        for (var topic : List.of(TopicCatalogue.PREDICTIONS, TopicCatalogue.GROUND_TRUTH, TopicCatalogue.REFERENCE_PROFILES)) {
            shop.add(ProcessorAcls.allow("User:" + SHOP, ResourceType.TOPIC, topics.name(topic), PatternType.LITERAL,
                    AclOperation.WRITE));
        }
        for (var topic : List.of(TopicCatalogue.METRICS, TopicCatalogue.DRIFT_REPORTS, TopicCatalogue.ALERTS,
                TopicCatalogue.RETRAINING_TRIGGERS)) {
            shop.add(ProcessorAcls.allow("User:" + SHOP, ResourceType.TOPIC, topics.name(topic), PatternType.LITERAL,
                    AclOperation.READ));
        }
        try (Admin admin = Admin.create(new HashMap<>(broker.adminProperties()))) {
            List<AclBinding> all = new ArrayList<>(pipeline);
            all.addAll(shop);
            admin.createAcls(all).all().get(30, TimeUnit.SECONDS);
        }
        return new Grants(pipeline.size(), shop.size());
    }

    Path secretsFile() {
        return secrets;
    }
}
