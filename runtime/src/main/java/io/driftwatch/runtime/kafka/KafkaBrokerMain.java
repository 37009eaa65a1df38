package io.driftwatch.runtime.kafka;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of the child-JVM broker: {@code <data dir> <broker port> <controller port> [key=value ...]}.
 * Runs until the process is terminated.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: KafkaBrokerMain <data dir> <broker port> <controller port> [key=value ...]");
            System.exit(2);
        }
        Map<String, String> overrides = new HashMap<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            overrides.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        BrokerSettings settings = new BrokerSettings(Path.of(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), overrides);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
        new CountDownLatch(1).await();
    }
}
