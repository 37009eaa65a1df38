package io.driftwatch.runtime.testing;

import static org.awaitility.Awaitility.await;

import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.kafka.BrokerSecurity;
import io.driftwatch.runtime.kafka.EmbeddedKafkaBroker;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicProvisioner;
import io.driftwatch.schemas.registry.RegistryClientConfig;
import io.driftwatch.schemas.registry.server.EmbeddedSchemaRegistry;
import io.driftwatch.schemas.serde.AvroSerdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node KRaft broker and a durable embedded schema registry over HTTP, started
 * once per test class:
 *
 * <pre>{@code @RegisterExtension static final KafkaTestCluster kafka = new KafkaTestCluster();}</pre>
 *
 * Waits are Awaitility polls with a deadline, never fixed sleeps.
 */
public final class KafkaTestCluster implements BeforeAllCallback, AfterAllCallback {

    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    private final boolean secure;
    private BrokerSecurity security;
    private String registryUserInfo;
    private EmbeddedKafkaBroker broker;
    private EmbeddedSchemaRegistry registry;
    private AvroSerdes serdes;

    public KafkaTestCluster() {
        this(false);
    }

    private KafkaTestCluster(boolean secure) {
        this.secure = secure;
    }

    /**
     * A broker that requires TLS and SASL/SCRAM-SHA-512 and allows nothing without an ACL
     * ({@link BrokerSecurity}, users {@code admin} and {@code driftwatch}), and a registry that
     * requires HTTP Basic auth; this class's own helpers act as the admin.
     */
    public static KafkaTestCluster secure() {
        return new KafkaTestCluster(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (secure) {
            security = BrokerSecurity.generate(tempDir("tls"), "driftwatch");
            broker = EmbeddedKafkaBroker.startSecure(security);
            registryUserInfo = "registry-user:" + UUID.randomUUID();
        } else {
            broker = EmbeddedKafkaBroker.start();
        }
        registry = startRegistry(0);
        Map<String, Object> serdeConfigs = new HashMap<>(Map.of(RegistryClientConfig.URL, registry.url()));
        if (registryUserInfo != null) {
            serdeConfigs.put(RegistryClientConfig.BASIC_AUTH_USER_INFO, registryUserInfo);
        }
        serdes = AvroSerdes.fromConfig(serdeConfigs);
    }

    /** The broker's users, passwords and certificate; null unless {@link #secure()}. */
    public BrokerSecurity security() {
        return security;
    }

    /** The registry's "user:password"; null unless {@link #secure()}. */
    public String registryUserInfo() {
        return registryUserInfo;
    }

    /** Client properties that reach the broker as its admin (just the bootstrap servers when not secure). */
    public Map<String, Object> adminProperties() {
        return broker.adminProperties();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    /** Stops the registry: clients now meet refused connections. */
    public void stopRegistry() {
        registry.close();
    }

    /** Starts the registry again on the same port; its state is replayed from Kafka. */
    public void restartRegistry() {
        registry = startRegistry(registry.port());
    }

    private EmbeddedSchemaRegistry startRegistry(int port) {
        EmbeddedSchemaRegistry.Builder builder = EmbeddedSchemaRegistry.builder().port(port).kafka(adminProperties());
        if (registryUserInfo != null) {
            builder.basicAuth(registryUserInfo);
        }
        return builder.start();
    }

    /** Serdes against this registry. */
    public AvroSerdes serdes() {
        return serdes;
    }

    /** The topic catalogue of a config from {@link #config}, with this cluster's serdes. */
    public TopicCatalogue catalogue(DriftwatchConfig config) {
        return new TopicCatalogue(config.topics().prefix(), serdes);
    }

    /**
     * A config for processors under test: this broker and registry, a fresh state directory, and
     * a unique topic prefix and application-id prefix, so that tests never share topics or groups.
     */
    public DriftwatchConfig config(Map<String, Object> processing) {
        return config(processing, Map.of());
    }

    /** As {@link #config(Map)}, plus sections (e.g. {@code "models" -> [{model: "*", label-horizon: 2h}]}). */
    public DriftwatchConfig config(Map<String, Object> processing, Map<String, Object> sections) {
        return config(processing, sections, 2);
    }

    /** As {@link #config(Map, Map)}, with this many partitions per topic. */
    public DriftwatchConfig config(Map<String, Object> processing, Map<String, Object> sections, int partitions) {
        String unique = "t" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> processingSection = new HashMap<>(Map.of(
                "application-id-prefix", unique,
                "state-dir", tempDir("state").toString(),
                "commit-interval", "100ms"));
        processingSection.putAll(processing);
        Map<String, Object> tree = new HashMap<>(sections);
        tree.putAll(Map.of(
                "kafka", Map.of("bootstrap.servers", bootstrapServers()),
                "schema-registry", Map.of("url", registryUrl()),
                "topics", Map.of("partitions", partitions, "prefix", unique + "."),
                "processing", processingSection));
        return DriftwatchConfig.fromMap(tree, Map.of());
    }

    /** The same processors on a new, empty state directory: a restart whose state must come from the changelogs. */
    public static DriftwatchConfig withFreshStateDir(DriftwatchConfig config) {
        DriftwatchConfig.Processing p = config.processing();
        return new DriftwatchConfig(config.kafka(), config.serdeConfigs(), config.topics(),
                new DriftwatchConfig.Processing(p.guarantee(), p.applicationIdPrefix(), tempDir("state"),
                        p.commitInterval(), p.threads(), p.shutdownTimeout()),
                config.http(), config.models(), config.processorSections());
    }

    /** The same processors with their HTTP endpoints on a free port of 127.0.0.1 (advertised to other instances). */
    public static DriftwatchConfig withFreeHttpPort(DriftwatchConfig config) {
        try (ServerSocket socket = new ServerSocket(0)) {
            return new DriftwatchConfig(config.kafka(), config.serdeConfigs(), config.topics(), config.processing(),
                    DriftwatchConfig.Http.plain("127.0.0.1", socket.getLocalPort()), config.models(),
                    config.processorSections());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates every catalogue topic (idempotent). */
    public TopicProvisioner.Report createTopics(DriftwatchConfig config) {
        try (Admin admin = admin()) {
            return new TopicProvisioner(admin, catalogue(config), config.topics().partitions(), Optional.empty())
                    .provision(TopicCatalogue.ALL);
        }
    }

    public Admin admin() {
        return Admin.create(adminProperties());
    }

    public <K, V> void produce(String topic, Serializer<K> keySerializer, Serializer<V> valueSerializer,
                               Map<K, V> records) {
        Map<String, Object> props = new HashMap<>(adminProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(props, keySerializer, valueSerializer)) {
            records.forEach((k, v) -> producer.send(new ProducerRecord<>(topic, k, v)));
            producer.flush();
        }
    }

    public void produceBytes(String topic, byte[] key, byte[] value) {
        produce(topic, new ByteArraySerializer(), new ByteArraySerializer(), Map.of(key, value));
    }

    /** Reads the topic from the start (read_committed) until {@code count} records arrived. */
    public <K, V> List<ConsumerRecord<K, V>> awaitRecords(String topic, Deserializer<K> keyDeserializer,
                                                          Deserializer<V> valueDeserializer, int count) {
        Map<String, Object> props = new HashMap<>(adminProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<K, V>> received = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keyDeserializer, valueDeserializer)) {
            consumer.subscribe(List.of(topic));
            await("" + count + " records on " + topic).atMost(DEFAULT_WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.size() >= count;
            });
        }
        return received;
    }

    /** Every committed record of the topic, from the start to its current end (read_committed). */
    public <K, V> List<ConsumerRecord<K, V>> readAll(String topic, Deserializer<K> keyDeserializer,
                                                     Deserializer<V> valueDeserializer) {
        Map<String, Object> props = new HashMap<>(adminProperties());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        List<ConsumerRecord<K, V>> received = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keyDeserializer, valueDeserializer)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await("the end of " + topic).atMost(DEFAULT_WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
        }
        return received;
    }

    public List<ConsumerRecord<byte[], byte[]>> awaitRawRecords(String topic, int count) {
        return awaitRecords(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer(), count);
    }

    /** A fresh directory under java.io.tmpdir. */
    public static Path tempDir(String prefix) {
        try {
            Path base = Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(base);
            return Files.createTempDirectory(base, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
