package io.driftwatch.runtime.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EmbeddedKafkaBroker} in a child JVM (same classpath), so that a test can SIGKILL it
 * and start it again on the same ports and data: the crash a real broker suffers. The child's
 * output goes to {@code broker.log} in the data directory.
 */
public final class ChildProcessKafkaBroker implements KafkaBroker {

    private static final Logger log = LoggerFactory.getLogger(ChildProcessKafkaBroker.class);

    private final BrokerSettings settings;
    private final boolean ownsDataDir;
    private Process process;

    private ChildProcessKafkaBroker(BrokerSettings settings, boolean ownsDataDir, boolean awaitReady) {
        this.settings = settings;
        this.ownsDataDir = ownsDataDir;
        launch();
        if (awaitReady) {
            awaitReady();
        }
    }

    /** One node of a {@link ChildProcessKafkaCluster}: started without waiting, since it needs a quorum to be ready. */
    static ChildProcessKafkaBroker node(BrokerSettings settings) {
        return new ChildProcessKafkaBroker(settings, true, false);
    }

    /** Starts a child broker on free ports with a fresh temporary data directory. */
    public static ChildProcessKafkaBroker start() {
        try {
            return new ChildProcessKafkaBroker(
                    BrokerSettings.onFreePorts(Files.createTempDirectory("driftwatch-kafka-child-")), true, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hooks, no flush, no controlled leadership hand-over. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** Starts the broker again on the same ports and data after {@link #kill()}. */
    public void restart() {
        relaunch();
        awaitReady();
    }

    /** Starts the killed broker again without waiting for it (a cluster node waits for its quorum). */
    void relaunch() {
        if (process.isAlive()) {
            throw new IllegalStateException("broker is still running (pid " + process.pid() + ")");
        }
        launch();
    }

    boolean alive() {
        return process.isAlive();
    }

    BrokerSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            waitFor();
        }
        if (ownsDataDir) {
            EmbeddedKafkaBroker.deleteRecursively(settings.dataDir());
        }
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"),
                KafkaBrokerMain.class.getName(),
                settings.dataDir().toString(),
                String.valueOf(settings.brokerPort()),
                String.valueOf(settings.controllerPort())));
        for (Map.Entry<String, String> override : settings.overrides().entrySet()) {
            command.add(override.getKey() + "=" + override.getValue());
        }
        try {
            Files.createDirectories(settings.dataDir());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.dataDir().resolve("broker.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM for the Kafka broker", e);
        }
    }

    /** Waits until this broker answers, or fails quoting the end of its log. */
    void awaitReady() {
        try {
            EmbeddedKafkaBroker.awaitReady(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()));
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw new IllegalStateException(e.getMessage() + "; end of broker.log:\n" + logTail(), e);
        }
        log.info("child Kafka broker pid {} ready at {}", process.pid(), settings.bootstrapServers());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(settings.dataDir().resolve("broker.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
