package io.driftwatch.runtime.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code python3-confluent-kafka} and {@code python3-avro}, for the tests that talk to
 * Driftwatch through Confluent's own Python client: required in CI ({@code .ci/run} installs
 * them), skipped visibly elsewhere.
 */
public final class ConfluentPythonClient {

    public static final String PYTHON = "/usr/bin/python3";

    private ConfluentPythonClient() {
    }

    /** Fails in CI, and skips the test elsewhere, when the client is missing. */
    public static void require() throws Exception {
        boolean available = Files.isExecutable(Path.of(PYTHON)) && new ProcessBuilder(PYTHON, "-c",
                "import confluent_kafka.avro, avro").redirectErrorStream(true).start().waitFor() == 0;
        String help = "Confluent's Python client is missing: apt-get install python3-confluent-kafka python3-avro";
        if (!available && System.getenv("CI") != null) {
            throw new IllegalStateException(help + " (required in CI)");
        }
        Assumptions.assumeTrue(available, help);
    }
}
