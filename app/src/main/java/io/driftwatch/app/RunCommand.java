package io.driftwatch.app;

import io.driftwatch.runtime.config.DriftwatchConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code driftwatch run}: the processors against a real cluster and schema registry, until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the processors against the cluster and schema registry of a configuration file, until stopped "
                + "(SIGTERM or Ctrl-C).")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "The YAML configuration (see docs/architecture.md).")
    Path config;

    @Option(names = "--only", split = ",", description = "Run only these applications: pipeline (ingest, metrics and "
            + "drift fused into one topology) and alerting by default; ingest, metrics, drift to run those separately, "
            + "wired through the validated and labelled topics.")
    List<String> only = List.of();

    @Option(names = "--insecure", description = "Serve HTTP on a non-loopback http.bind without TLS or token "
            + "(http.insecure; logged as a warning).")
    boolean insecure;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> environment = new HashMap<>(System.getenv());
        if (insecure) {
            environment.put("DRIFTWATCH_HTTP_INSECURE", "true");
        }
        DriftwatchConfig settings = DriftwatchConfig.load(config, environment);
        ShutdownSignal signal = new ShutdownSignal();
        try (Pipeline pipeline = Pipeline.start(settings, only)) {
            System.out.printf("driftwatch running %s; HTTP on port %d (/metrics, /health%s). Ctrl-C stops.%n",
                    String.join(", ", only.isEmpty() ? Pipeline.DEFAULT : only), pipeline.httpPort(),
                    only.isEmpty() || only.contains("metrics") || only.contains("pipeline") ? ", /api/models" : "");
            signal.await();
        } finally {
            signal.stopped();
        }
        return 0;
    }
}
