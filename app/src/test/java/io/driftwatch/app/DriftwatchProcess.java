package io.driftwatch.app;

import io.driftwatch.runtime.config.DriftwatchConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * {@code driftwatch run} in a child JVM on the test's classpath, so that a test can SIGKILL it as
 * a crash would and start it again on the same configuration and state directory. Instances share
 * one configuration file; each gets its own state directory and HTTP port through the
 * environment, as an operator would run them. Its output is appended to {@code log}, which
 * failures quote.
 */
final class DriftwatchProcess implements AutoCloseable {

    private final Path config;
    private final Map<String, String> environment;
    private final List<String> command;
    private final Path log;
    private final int httpPort;
    private Process process;

    private DriftwatchProcess(Path config, Path stateDir, int httpPort, Path log, String... runArgs) {
        this.config = config;
        this.environment = Map.of("DRIFTWATCH_PROCESSING_STATE_DIR", stateDir.toString(),
                "DRIFTWATCH_HTTP_PORT", String.valueOf(httpPort));
        this.httpPort = httpPort;
        this.log = log;
        command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Driftwatch.class.getName(),
                "run", "--config", config.toString()));
        command.addAll(List.of(runArgs));
    }

    /**
     * The settings every child instance shares: this cluster, registry and prefix (topics and
     * application ids), and a dead member noticed after 6 s (the broker's minimum) instead of 45 s.
     * Add processor sections (flow-style YAML) before passing them to {@link #create}.
     */
    static Map<String, String> sections(String bootstrapServers, String registryUrl, String prefix, String topics) {
        Map<String, String> sections = new LinkedHashMap<>();
        sections.put("kafka", "{bootstrap.servers: \"" + bootstrapServers + "\", session.timeout.ms: 6000, "
                + "heartbeat.interval.ms: 1500}");
        sections.put("schema-registry", "{url: \"" + registryUrl + "\"}");
        sections.put("topics", "{prefix: \"" + prefix + ".\", " + topics + "}");
        sections.put("processing", "{application-id-prefix: " + prefix + ", commit-interval: 100ms}");
        return sections;
    }

    /**
     * Writes the shared configuration to {@code dir} and returns instance {@code n} of it, with its
     * own state directory and a free HTTP port; {@link #start} starts it.
     */
    static DriftwatchProcess create(Path dir, int n, Map<String, String> sections, String... runArgs) {
        try (ServerSocket socket = new ServerSocket(0)) {
            StringBuilder yaml = new StringBuilder();
            sections.forEach((key, value) -> yaml.append(key).append(": ").append(value).append('\n'));
            Path config = dir.resolve("driftwatch.yaml");
            Files.writeString(config, yaml);
            return new DriftwatchProcess(config, dir.resolve("state-" + n), socket.getLocalPort(),
                    dir.resolve("driftwatch-" + n + ".log"), runArgs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared settings (topics, registry) as the test reads them. */
    DriftwatchConfig settings() {
        return DriftwatchConfig.load(config, Map.of());
    }

    int httpPort() {
        return httpPort;
    }

    /** Starts the JVM and waits until {@code /ready} answers 200 (all its processors RUNNING). */
    void start(Duration timeout) {
        launch();
        awaitReady(timeout);
    }

    /** Starts the JVM without waiting: one that cannot get ready yet (its registry is away). */
    void launch() {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start driftwatch run in a child JVM", e);
        }
    }

    /** Waits until {@code /ready} answers 200, or fails quoting the end of the log. */
    void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/ready")).build();
        try {
            Awaitility.await("driftwatch pid " + process.pid() + " ready").atMost(timeout).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions().until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("exited with " + process.exitValue());
                        }
                        return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getMessage() + "; end of its log:\n" + logTail(), e);
        }
    }

    /** SIGKILL: no shutdown hook, no commit, no transaction abort, no leaving the group. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Its {@code /metrics} lines that start with {@code prefix} (e.g. the late counters), for a failure's message. */
    String metricLines(String prefix) {
        HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            String body = HttpClient.newHttpClient().send(metrics, HttpResponse.BodyHandlers.ofString()).body();
            return String.join("\n", body.lines().filter(line -> line.startsWith(prefix)).toList());
        } catch (IOException e) {
            return "(unanswered: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** SIGTERM: the orderly shutdown {@code driftwatch run} does on Ctrl-C. */
    @Override
    public void close() {
        if (alive()) {
            process.destroy();
            waitFor();
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
