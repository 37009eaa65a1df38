package io.driftwatch.app;

import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code driftwatch tail}: an output topic, decoded, as lines or JSON, until Ctrl-C. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Prints an output topic as it is written (committed records only): alerts, triggers, metrics or drift.")
final class TailCommand implements Callable<Integer> {

    static final Map<String, TopicSpec<String, ?>> TOPICS = Map.of("alerts", TopicCatalogue.ALERTS,
            "triggers", TopicCatalogue.RETRAINING_TRIGGERS, "metrics", TopicCatalogue.METRICS,
            "drift", TopicCatalogue.DRIFT_REPORTS);

    @Parameters(index = "0", description = "alerts, triggers, metrics or drift")
    String what;

    @Option(names = "--config", required = true, description = "The YAML configuration: cluster, registry, topic prefix.")
    Path config;

    @Option(names = "--json", description = "One JSON object per record instead of a readable line.")
    boolean json;

    @Option(names = "--from-beginning", description = "Start at the oldest record kept instead of new records only.")
    boolean fromBeginning;

    @Option(names = "--max-records", defaultValue = "0", description = "Stop after this many records; 0 runs until Ctrl-C.")
    long maxRecords;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TopicSpec<String, ?> topic = TOPICS.get(what.toLowerCase(Locale.ROOT));
        if (topic == null) {
            throw new IllegalArgumentException("tail: expected one of " + TOPICS.keySet() + ", got " + what);
        }
        DriftwatchConfig settings = DriftwatchConfig.load(config, System.getenv());
        PrintWriter out = spec.commandLine().getOut();
        ShutdownSignal signal = new ShutdownSignal();
        AtomicLong printed = new AtomicLong();
        try (OutputReader reader = new OutputReader(settings, List.of(topic), fromBeginning)) {
            Thread stopper = new Thread(() -> {
                try {
                    signal.await();
                    reader.wakeup();
                } catch (InterruptedException e) {
                    // tail ended by itself
                }
            }, "tail-stop");
            stopper.setDaemon(true);
            stopper.start();
            reader.forEach(value -> {
                if (value != null) {
                    out.println(json ? value.toString() : OutputLines.of(value));
                    out.flush();
                }
                if (maxRecords > 0 && printed.incrementAndGet() >= maxRecords) {
                    reader.wakeup();
                }
            });
            stopper.interrupt();
        } finally {
            signal.stopped();
        }
        return 0;
    }
}
