package io.driftwatch.examples.retraining;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The job's command line.
 *
 * @param prefix topic prefix of the Driftwatch deployment ("" for the default topic names)
 * @param once   stop once caught up with the triggers topic (for a scheduled run, and tests)
 */
public record JobSettings(String bootstrapServers, String registryUrl, Path outputDirectory, String group, String prefix,
                          boolean once) {

    static final String USAGE = "usage: retrain --bootstrap-servers HOST:PORT --registry URL [--out DIR] "
            + "[--group ID] [--prefix PREFIX] [--once]";

    public static JobSettings parse(String... args) {
        Map<String, String> values = new HashMap<>(Map.of("--out", "training", "--group", "driftwatch-retraining-job",
                "--prefix", ""));
        boolean once = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--once")) {
                once = true;
            } else if (Map.of("--bootstrap-servers", 0, "--registry", 0, "--out", 0, "--group", 0, "--prefix", 0)
                    .containsKey(arg)) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                values.put(arg, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        for (String required : new String[] {"--bootstrap-servers", "--registry"}) {
            if (!values.containsKey(required)) {
                throw new IllegalArgumentException(required + " is required");
            }
        }
        return new JobSettings(values.get("--bootstrap-servers"), values.get("--registry"), Path.of(values.get("--out")),
                values.get("--group"), values.get("--prefix"), once);
    }

    /** A topic's name in this deployment. */
    String topic(String baseName) {
        return prefix + baseName;
    }

    /** Kafka client properties: where the cluster and the registry are. */
    Map<String, Object> clientProperties() {
        return Map.of("bootstrap.servers", bootstrapServers, "schema.registry.url", registryUrl);
    }
}
