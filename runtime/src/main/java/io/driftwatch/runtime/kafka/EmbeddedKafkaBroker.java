package io.driftwatch.runtime.kafka;

import io.driftwatch.runtime.files.OwnedTempDirectories;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker running inside this JVM, from Apache Kafka's own
 * artifacts: storage is formatted in a directory, the broker starts on the given (or free)
 * ports, and {@link #close()} stops it and deletes the directory if this class created it.
 */
public final class EmbeddedKafkaBroker implements KafkaBroker {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final BrokerSettings settings;
    private final boolean ownsDataDir;
    private final Optional<BrokerSecurity> security;
    private final KafkaRaftServer server;

    private EmbeddedKafkaBroker(BrokerSettings settings, boolean ownsDataDir, Optional<BrokerSecurity> security) {
        this.settings = settings;
        this.ownsDataDir = ownsDataDir;
        this.security = security;
        long started = System.nanoTime();
        Properties props = settings.toProperties();
        security.ifPresent(s -> props.putAll(s.brokerProperties(settings.brokerPort(), settings.controllerPort())));
        format(props, settings.dataDir(), security.map(BrokerSecurity::formatArguments).orElse(List.of()));
        this.server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            server.startup();
            awaitReady(adminProperties());
        } catch (RuntimeException e) {
            stopQuietly();
            throw e;
        }
        log.info("Kafka broker ready at {} in {} ms (data in {})", settings.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), settings.dataDir());
    }

    /** The name of the temporary data directories it creates (which record their owner JVM). */
    public static final String DATA_DIR_PREFIX = "driftwatch-kafka-";

    /** Starts a broker on free ports with a fresh temporary data directory, deleted on close. */
    public static EmbeddedKafkaBroker start() {
        return start(Map.of());
    }

    /** As {@link #start()}, with extra broker properties. */
    public static EmbeddedKafkaBroker start(Map<String, String> overrides) {
        Path dir = OwnedTempDirectories.create(DATA_DIR_PREFIX);
        return new EmbeddedKafkaBroker(BrokerSettings.onFreePorts(dir).withOverrides(overrides), true, Optional.empty());
    }

    /** As {@link #start()}, listening on {@code port} (0: a free one), e.g. for clients outside this JVM. */
    public static EmbeddedKafkaBroker start(int port) {
        Path dir = OwnedTempDirectories.create(DATA_DIR_PREFIX);
        return new EmbeddedKafkaBroker(BrokerSettings.onPort(dir, port), true, Optional.empty());
    }

    /** Starts a broker with these settings; its data directory is kept on close (for restarts). */
    public static EmbeddedKafkaBroker start(BrokerSettings settings) {
        return new EmbeddedKafkaBroker(settings, false, Optional.empty());
    }

    /**
     * Starts a broker on free ports that requires TLS and SASL/SCRAM-SHA-512 and authorizes with
     * ACLs only ({@link BrokerSecurity}); its temporary data directory is deleted on close.
     */
    public static EmbeddedKafkaBroker startSecure(BrokerSecurity security) {
        return startSecure(security, 0);
    }

    /** As {@link #startSecure(BrokerSecurity)}, listening on {@code port} (0: a free one). */
    public static EmbeddedKafkaBroker startSecure(BrokerSecurity security, int port) {
        Path dir = OwnedTempDirectories.create(DATA_DIR_PREFIX);
        return new EmbeddedKafkaBroker(BrokerSettings.onPort(dir, port), true, Optional.of(security));
    }

    /** Properties of an admin client of this broker: the bootstrap servers, and the admin's login when secured. */
    public Map<String, Object> adminProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        security.ifPresent(s -> props.putAll(s.clientProperties(BrokerSecurity.ADMIN)));
        return props;
    }

    @Override
    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    public BrokerSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        stopQuietly();
        if (ownsDataDir) {
            deleteRecursively(settings.dataDir());
        }
    }

    private void stopQuietly() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("embedded broker did not shut down cleanly: {}", e.toString());
        }
    }

    /** Formats the storage directories, once: a restart keeps the cluster id and the data. */
    static void format(Properties props, Path dataDir, List<String> extraArguments) {
        if (Files.exists(dataDir.resolve("metadata").resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Path configFile = dataDir.resolve("server.properties");
            try (var out = Files.newOutputStream(configFile)) {
                props.store(out, "Driftwatch embedded broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            List<String> arguments = new ArrayList<>(List.of("format", "-t",
                    props.getProperty(BrokerSettings.CLUSTER_ID, Uuid.randomUuid().toString()),
                    "-c", configFile.toString()));
            arguments.addAll(extraArguments);
            int exit = StorageTool.execute(arguments.toArray(String[]::new), new PrintStream(output, true, StandardCharsets.UTF_8));
            if (exit != 0) {
                throw new IllegalStateException("formatting Kafka storage in " + dataDir + " failed: "
                        + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka storage in " + dataDir, e);
        }
    }

    /** Waits until the broker answers a cluster description with one registered node. */
    static void awaitReady(Map<String, Object> props) {
        awaitNodes(props, 1, READY_TIMEOUT);
    }

    /** Waits until the cluster describes at least {@code count} registered (unfenced) nodes. */
    static void awaitNodes(Map<String, Object> props, int count, Duration timeout) {
        Object bootstrapServers = props.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= count) {
                        return;
                    }
                } catch (Exception e) {
                    last = e; // not yet: no quorum, or still starting
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka at " + bootstrapServers + " not ready (" + count
                            + " node(s) registered) after " + timeout.toSeconds() + " s", last);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka at " + bootstrapServers, e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            OwnedTempDirectories.delete(dir);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", dir, e.toString());
        }
    }
}
