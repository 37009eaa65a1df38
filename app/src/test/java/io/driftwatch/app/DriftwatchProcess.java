package io.driftwatch.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * {@code driftwatch run} in a child JVM on the test's classpath, so that a test can SIGKILL it as
 * a crash would and start it again on the same configuration and state directory. Its output is
 * appended to {@code log}, which failures quote.
 */
final class DriftwatchProcess implements AutoCloseable {

    private final List<String> command;
    private final Path log;
    private final int httpPort;
    private Process process;

    DriftwatchProcess(Path config, int httpPort, Path log, String... runArgs) {
        this.httpPort = httpPort;
        this.log = log;
        command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        if (Runtime.version().feature() < 21) {
            command.add("--add-modules=jdk.incubator.foreign"); // DataSketches on Java 17
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Driftwatch.class.getName(),
                "run", "--config", config.toString()));
        command.addAll(List.of(runArgs));
    }

    /** Starts the JVM and waits until {@code /ready} answers 200 (all its processors RUNNING). */
    void start(Duration timeout) {
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start driftwatch run in a child JVM", e);
        }
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
