package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Usage and configuration errors exit with 2 and a message that names the bad input; no broker is needed to get there. */
class RunCommandTest {

    private static final String MINIMAL = "kafka:\n  bootstrap.servers: localhost:1\nschema-registry:\n  url: http://localhost:1\n";

    @TempDir
    Path dir;

    private record Outcome(int exitCode, String err) {
    }

    private static Outcome run(String... args) {
        CommandLine commandLine = Driftwatch.commandLine();
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        commandLine.setOut(new PrintWriter(new StringWriter()));
        return new Outcome(commandLine.execute(args), err.toString());
    }

    @Test
    void anUnknownConfigurationKeyShouldExitWith2NamingTheKey() throws Exception {
        Path config = Files.writeString(dir.resolve("driftwatch.yaml"), MINIMAL + "drift:\n  windw: 1m\n");
        Outcome outcome = run("run", "--config", config.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("drift.windw");
    }

    @Test
    void aMissingConfigurationFileShouldExitWith2NamingTheFile() {
        Outcome outcome = run("run", "--config", dir.resolve("nope.yaml").toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("nope.yaml");
    }

    @Test
    void anUnknownProcessorShouldExitWith2NamingIt() throws Exception {
        Path config = Files.writeString(dir.resolve("driftwatch.yaml"), MINIMAL);
        Outcome outcome = run("run", "--config", config.toString(), "--only", "ingest,forecast");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("forecast").contains("ingest, metrics, drift, alerting");
    }

    @Test
    void aMissingRequiredOptionShouldExitWith2() {
        Outcome outcome = run("run");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--config");
    }
}
