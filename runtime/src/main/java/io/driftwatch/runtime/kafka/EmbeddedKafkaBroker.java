package io.driftwatch.runtime.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
    private final KafkaRaftServer server;

    private EmbeddedKafkaBroker(BrokerSettings settings, boolean ownsDataDir) {
        this.settings = settings;
        this.ownsDataDir = ownsDataDir;
        long started = System.nanoTime();
        Properties props = settings.toProperties();
        format(props, settings.dataDir());
        this.server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            server.startup();
            awaitReady(settings.bootstrapServers());
        } catch (RuntimeException e) {
            stopQuietly();
            throw e;
        }
        log.info("Kafka broker ready at {} in {} ms (data in {})", settings.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), settings.dataDir());
    }

    /** Starts a broker on free ports with a fresh temporary data directory, deleted on close. */
    public static EmbeddedKafkaBroker start() {
        return start(Map.of());
    }

    /** As {@link #start()}, with extra broker properties. */
    public static EmbeddedKafkaBroker start(Map<String, String> overrides) {
        try {
            Path dir = Files.createTempDirectory("driftwatch-kafka-");
            return new EmbeddedKafkaBroker(BrokerSettings.onFreePorts(dir).withOverrides(overrides), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for the embedded broker", e);
        }
    }

    /** Starts a broker with these settings; its data directory is kept on close (for restarts). */
    public static EmbeddedKafkaBroker start(BrokerSettings settings) {
        return new EmbeddedKafkaBroker(settings, false);
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
    static void format(Properties props, Path dataDir) {
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
            int exit = StorageTool.execute(new String[]{"format", "-t", Uuid.randomUuid().toString(),
                    "-c", configFile.toString()},
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            if (exit != 0) {
                throw new IllegalStateException("formatting Kafka storage in " + dataDir + " failed: "
                        + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka storage in " + dataDir, e);
        }
    }

    /** Waits until the broker answers a cluster description with one registered node. */
    static void awaitReady(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka broker at " + bootstrapServers
                                + " not ready after " + READY_TIMEOUT.toSeconds() + " s", e);
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete {}: {}", dir, e.toString());
        }
    }
}
