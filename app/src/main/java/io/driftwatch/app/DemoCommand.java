package io.driftwatch.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.driftwatch.app.simulate.Scenario;
import io.driftwatch.app.simulate.ServingSimulator;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.files.OwnedTempDirectories;
import io.driftwatch.runtime.kafka.EmbeddedKafkaBroker;
import io.driftwatch.runtime.streams.Health;
import io.driftwatch.schemas.registry.server.EmbeddedSchemaRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code driftwatch demo}: everything in one JVM on a bare machine — an embedded KRaft broker and
 * schema registry, the four processors, and the simulated shop, which runs clean, then drifts in
 * two features, then changes its concept in one country — with a live log and a verdict.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs Driftwatch end to end on this machine (embedded broker and registry, no Docker, no config) "
                + "against a simulated shop that drifts, with a live log of metrics, drift, alerts and retraining triggers.")
final class DemoCommand implements Callable<Integer> {

    private static final Duration WINDOW = DemoConfiguration.window();

    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
            description = "Wall-clock length of the simulated traffic (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--rate", defaultValue = "1000", description = "Visits per second, two predictions each (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--speed", defaultValue = "60",
            description = "Simulated seconds per second: 60 plays an hour of shop traffic in a minute (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the simulated shop (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--port", defaultValue = "8080",
            description = "HTTP port of the API and /metrics; a free port when this one is taken (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--kafka-port", defaultValue = "0",
            description = "Port of the embedded Kafka broker, for your own producers and consumers (default: a free one).")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "0",
            description = "Port of the embedded schema registry (default: a free one).")
    int registryPort;

    @Option(names = "--keep-running", description = "Keep everything running after the story, to explore, until Ctrl-C.")
    boolean keepRunning;

    @Option(names = "--secure", description = "Secure everything as in production: Kafka with TLS, SASL/SCRAM-SHA-512 and "
            + "ACLs only (Driftwatch holds the least it needs), the registry with Basic auth, secrets in a file the "
            + "configuration refers to (docs/security.md).")
    boolean secure;

    @Option(names = "--settle", defaultValue = "20s", converter = DurationConverter.class, hidden = true,
            description = "Longest wait after the traffic for the last windows' verdicts.")
    Duration settle;

    @Spec
    CommandSpec spec;

    /** Set by {@link #call}: what the demo found, for its test. */
    volatile DemoStory.Summary summary;

    /** Set by {@link #call}; {@link #stop} uses it. */
    private volatile ShutdownSignal signal;

    private static final String STATE_DIR_PREFIX = "driftwatch-demo-";

    /** Until the story has ended, Ctrl-C interrupts the demo; with --keep-running it then waits for the signal itself. */
    private volatile boolean awaitingStop;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ServingSimulator.Settings run = SimulateCommand.settings(seed, "demo", rate, speed, duration,
                Scenario.demo(ServingSimulator.span(duration, speed)), WINDOW);
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        cleanUpAfterEarlierRuns(tmp, out);
        Path stateDir = OwnedTempDirectories.create(STATE_DIR_PREFIX);
        signal = new ShutdownSignal();
        Thread interrupter = interruptOnCtrlC(Thread.currentThread());
        Path logFile = tmp.resolve("driftwatch-demo.log");
        if (Files.exists(logFile)) {
            Files.move(logFile, tmp.resolve("driftwatch-demo.previous.log"), StandardCopyOption.REPLACE_EXISTING);
        }
        LogFile.redirect(logFile);
        out.println("Driftwatch demo: starting an embedded Kafka broker (KRaft) and schema registry… (log: " + logFile
                + "; the previous run's: driftwatch-demo.previous.log)");
        out.flush();
        SecureDemo secured = secure ? SecureDemo.create(stateDir) : null;
        try (EmbeddedKafkaBroker broker = secure ? secured.startBroker(kafkaPort) : EmbeddedKafkaBroker.start(kafkaPort);
             EmbeddedSchemaRegistry registry = secure ? secured.startRegistry(broker, registryPort)
                     : EmbeddedSchemaRegistry.builder().kafka(broker.adminProperties()).port(registryPort).start()) {
            Users users = users(broker, registry, secured, stateDir, freePort(port), out);
            DriftwatchConfig config = users.driftwatch();
            out.println("Starting the four processors (ingest, metrics, drift, alerting)…");
            out.flush();
            try (Pipeline pipeline = Pipeline.start(config, List.of())) {
                DemoRun.publishReferenceProfiles(users.shop());
                awaitRunning(pipeline);
                summary = new DemoRun(run, WINDOW, settle, secure).play(users.shop(), pipeline, out,
                        broker.bootstrapServers(), registry.url());
                if (keepRunning) {
                    out.printf("%nStill running: http://127.0.0.1:%d/ — Ctrl-C stops.%n", pipeline.httpPort());
                    out.flush();
                    awaitingStop = true;
                    signal.await();
                }
            }
        } catch (InterruptedException e) {
            out.println("Stopped.");
            out.flush();
        } finally {
            interrupter.interrupt();
            OwnedTempDirectories.delete(stateDir);
            signal.stopped();
        }
        return 0;
    }

    /**
     * Removes what demos that did not stop (kill -9, a crash) left in the temp folder — their state and
     * their broker's data — and names the older directories whose owner is not recorded.
     */
    private static void cleanUpAfterEarlierRuns(Path tmp, PrintWriter out) {
        OwnedTempDirectories.Sweep sweep = OwnedTempDirectories.sweep(tmp, STATE_DIR_PREFIX,
                EmbeddedKafkaBroker.DATA_DIR_PREFIX);
        if (sweep.removed() > 0) {
            out.printf("Removed %d directories (%,d MB) that earlier demos which did not stop left in %s.%n",
                    sweep.removed(), sweep.bytes() / (1024 * 1024), tmp);
        }
        if (!sweep.unknown().isEmpty()) {
            out.printf("%d older Driftwatch directories in %s may be left over (e.g. %s); delete them if no Driftwatch "
                    + "runs.%n", sweep.unknown().size(), tmp, sweep.unknown().get(0).getFileName());
        }
    }

    /** Ctrl-C ends the story early: the demo thread is interrupted and closes everything on its way out. */
    private Thread interruptOnCtrlC(Thread demo) {
        ShutdownSignal ctrlC = signal;
        Thread interrupter = new Thread(() -> {
            try {
                ctrlC.await();
                if (!awaitingStop) {
                    demo.interrupt();
                }
            } catch (InterruptedException e) {
                // the demo ended by itself
            }
        }, "demo-ctrl-c");
        interrupter.setDaemon(true);
        interrupter.start();
        return interrupter;
    }

    /** Ends a demo that keeps running, as Ctrl-C does (for tests). */
    void stop() {
        if (signal != null) {
            signal.trigger();
        }
    }

    /** The configurations of Driftwatch and of the shop (its serving app, training job and this demo's reader). */
    private record Users(DriftwatchConfig driftwatch, DriftwatchConfig shop) {
    }

    /** One user for all, or in the secure demo two users with their ACLs, and the configuration written out to look at. */
    private static Users users(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, SecureDemo secured, Path stateDir,
                               int httpPort, PrintWriter out) throws Exception {
        if (secured == null) {
            DriftwatchConfig config = DriftwatchConfig.fromMap(DemoConfiguration.tree(broker.adminProperties(),
                    Map.of("url", registry.url()), stateDir, httpPort, true), Map.of());
            return new Users(config, config);
        }
        Map<String, Object> tree = DemoConfiguration.tree(secured.kafka(broker.bootstrapServers(), SecureDemo.DRIFTWATCH),
                secured.registry(registry.url()), stateDir, httpPort, false);
        Map<String, Object> shop = DemoConfiguration.tree(secured.kafka(broker.bootstrapServers(), SecureDemo.SHOP),
                secured.registry(registry.url()), stateDir, httpPort, false);
        Users users = new Users(DriftwatchConfig.fromMap(tree, Map.of()), DriftwatchConfig.fromMap(shop, Map.of()));
        SecureDemo.Grants grants = secured.grant(broker, users.driftwatch());
        Path yaml = stateDir.resolve("driftwatch.yaml");
        new ObjectMapper(new YAMLFactory()).writeValue(yaml.toFile(), tree);
        out.printf("Secure: Kafka at %s requires TLS and SASL/SCRAM-SHA-512 and allows nothing without an ACL; Driftwatch "
                + "runs as User:%s with %d ACLs, the shop as User:%s with %d; the registry requires Basic auth.%n"
                + "Configuration while it runs: %s (secrets only in %s).%n", broker.bootstrapServers(), SecureDemo.DRIFTWATCH,
                grants.driftwatch(), SecureDemo.SHOP, grants.shop(), yaml, secured.secretsFile());
        return users;
    }

    private static void awaitRunning(Pipeline pipeline) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (pipeline.runner().health().status() != Health.Status.UP) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the processors did not start within 2 minutes: " + pipeline.runner().health());
            }
            Thread.sleep(100);
        }
    }

    private static int freePort(int preferred) {
        try (ServerSocket socket = new ServerSocket(preferred, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException taken) {
            try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
