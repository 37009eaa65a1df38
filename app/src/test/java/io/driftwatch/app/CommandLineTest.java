package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.runtime.testing.CapturedLogs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The commands' behaviour before any broker is involved: usage, configuration and input errors
 * exit with 2 and name the bad input.
 */
class CommandLineTest {

    private static final String MINIMAL = "kafka:\n  bootstrap.servers: localhost:1\nschema-registry:\n  url: http://localhost:1\n";

    @TempDir
    Path dir;

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome run(String... args) {
        CommandLine commandLine = Driftwatch.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        commandLine.setOut(new PrintWriter(out));
        int exitCode = commandLine.execute(args);
        return new Outcome(exitCode, out.toString(), err.toString());
    }

    @Test
    void anUnknownConfigurationKeyShouldExitWith2NamingTheKey() throws Exception {
        Path config = Files.writeString(dir.resolve("driftwatch.yaml"), MINIMAL + "drift:\n  windw: 1m\n");
        Outcome outcome = run("run", "--config", config.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("drift.windw");
    }

    @Test
    void runWithNoBrokerShouldSaySoInOneLineWithoutKafkasConnectionWarnings() throws Exception {
        Path config = Files.writeString(dir.resolve("driftwatch.yaml"),
                "kafka: {bootstrap.servers: \"127.0.0.1:1\"}\nschema-registry: {url: \"http://127.0.0.1:2\"}\n");
        Outcome outcome;
        List<String> logged;
        try (CapturedLogs logs = CapturedLogs.start()) {
            outcome = run("run", "--config", config.toString());
            logged = logs.lines();
        }
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("Kafka at 127.0.0.1:1 did not answer within 30 s: is a broker running there?");
        assertThat(logged).noneMatch(line -> line.contains("could not be established"));
    }

    @Test
    void aMissingConfigurationFileShouldExitWith2NamingTheFile() {
        Outcome outcome = run("run", "--config", dir.resolve("nope.yaml").toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("nope.yaml does not exist");
    }

    @Test
    void anUnknownProcessorShouldExitWith2NamingIt() throws Exception {
        Path config = Files.writeString(dir.resolve("driftwatch.yaml"), MINIMAL);
        Outcome outcome = run("run", "--config", config.toString(), "--only", "ingest,forecast");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("forecast").contains("ingest, metrics, drift, alerting");
    }

    @Test
    void aSplitProcessorBesideThePipelineOrIngestAloneWithoutItsOutputsShouldExitWith2NamingWhy() throws Exception {
        Path config = Files.writeString(dir.resolve("driftwatch.yaml"), MINIMAL);
        Outcome twice = run("run", "--config", config.toString(), "--only", "pipeline,metrics");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("metrics").contains("part of pipeline");

        Path lean = Files.writeString(dir.resolve("lean.yaml"), MINIMAL + "ingest:\n  outputs: {labeled: false}\n");
        Outcome alone = run("run", "--config", lean.toString(), "--only", "ingest");
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("ingest.outputs.labeled").contains("--only ingest");
    }

    @Test
    void badSimulatorAndDemoOptionsShouldExitWith2NamingThem() throws Exception {
        Path config = Files.writeString(dir.resolve("driftwatch.yaml"), MINIMAL);
        Outcome rate = run("simulate", "--config", config.toString(), "--rate", "-5");
        assertThat(rate.exitCode()).isEqualTo(2);
        assertThat(rate.err()).contains("--rate").contains("-5");
        Outcome duration = run("demo", "--duration", "soon");
        assertThat(duration.exitCode()).isEqualTo(2);
        assertThat(duration.err()).contains("--duration").contains("soon");
        Path scenario = Files.writeString(dir.resolve("scenario.yaml"), "phases:\n  - {name: x, at: 1h, concept: {segment: planet=Mars, flip: 0.5}}\n");
        Outcome segment = run("simulate", "--config", config.toString(), "--scenario", scenario.toString());
        assertThat(segment.exitCode()).isEqualTo(2);
        assertThat(segment.err()).contains("x.concept.segment").contains("planet");
    }

    @Test
    void everyCommandShouldHaveHelp() {
        for (String command : new String[] {"demo", "run", "simulate", "profile", "topics", "tail"}) {
            Outcome help = run(command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command).startsWith("Usage: driftwatch " + command);
        }
        assertThat(run("topics", "check", "--help").out()).contains("--config");
    }

    @Test
    void aMissingRequiredOptionShouldExitWith2() {
        Outcome outcome = run("run");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--config");
    }

    @Test
    void profileShouldSummariseTheCsvAndReportBadRowsWithTheirLineNumbers() throws Exception {
        Path config = Files.writeString(dir.resolve("driftwatch.yaml"), MINIMAL);
        Path csv = Files.writeString(dir.resolve("train.csv"), "age,plan,label\n31,basic,1\n45,pro\n22,pro,0\n");
        Outcome outcome = run("profile", "--config", config.toString(), "--model", "churn", "--model-version", "2",
                "--csv", csv.toString(), "--label", "label", "--dry-run");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("Profiled 2 rows").contains("1 numeric and 1 categorical features")
                .contains("line 3: 2 fields, the header has 3").contains("Dry run: not published.");
    }

    @Test
    void profileOfABinaryClassifierWithLabelsAndScoresShouldReportItsPerformanceAndCalibration() throws Exception {
        Path config = Files.writeString(dir.resolve("driftwatch.yaml"), MINIMAL);
        StringBuilder rows = new StringBuilder("x,churned,score\n");
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1_000; i++) {
            double score = Math.round(random.nextDouble() * 1000) / 1000.0;
            rows.append(i).append(',').append(random.nextDouble() < score * score ? "yes" : "no").append(',')
                    .append(score).append('\n'); // P(yes | score) = score²: miscalibrated
        }
        Path csv = Files.writeString(dir.resolve("scored.csv"), rows);
        Outcome outcome = run("profile", "--config", config.toString(), "--model", "churn", "--model-version", "2",
                "--csv", csv.toString(), "--label", "churned", "--prediction", "score", "--task", "binary_classification",
                "--positive-label", "yes", "--dry-run");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("Performance on the reference (1,000 labelled rows, positive class 'yes'): accuracy")
                .contains("scores calibrated (isotonic");
    }

    @Test
    void profileOfAMulticlassClassifierWithProbabilityColumnsShouldReportItsPerClassCalibration() throws Exception {
        Path config = Files.writeString(dir.resolve("driftwatch.yaml"), MINIMAL);
        StringBuilder rows = new StringBuilder("x,species,predicted,p_a,p_b\n");
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 1_000; i++) {
            double a = Math.round(random.nextDouble() * 1000) / 1000.0;
            rows.append(i).append(',').append(random.nextDouble() < a * a ? "a" : "b").append(',')
                    .append(a >= 0.5 ? "a" : "b").append(',').append(a).append(',').append(1 - a).append('\n');
        }
        Path csv = Files.writeString(dir.resolve("multiclass.csv"), rows);
        Outcome outcome = run("profile", "--config", config.toString(), "--model", "iris", "--model-version", "1",
                "--csv", csv.toString(), "--label", "species", "--prediction", "predicted", "--task",
                "multiclass_classification", "--probability-prefix", "p_", "--dry-run");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("Performance on the reference (1,000 labelled rows, 2 classes): accuracy")
                .contains("probabilities of 2 of the classes calibrated");
    }

    @Test
    void profileOfAHeaderOnlyFileOrAnUnsureColumnShouldExitWith2SayingWhy() throws Exception {
        Path config = Files.writeString(dir.resolve("driftwatch.yaml"), MINIMAL);
        Path headerOnly = Files.writeString(dir.resolve("empty.csv"), "age,plan\n");
        Path unsure = Files.writeString(dir.resolve("unsure.csv"), "age,plan\n31,basic\nN/A,pro\n45,pro\n");

        Outcome empty = run("profile", "--config", config.toString(), "--model", "churn", "--model-version", "2",
                "--csv", headerOnly.toString(), "--dry-run");
        Outcome refused = run("profile", "--config", config.toString(), "--model", "churn", "--model-version", "2",
                "--csv", unsure.toString(), "--dry-run");
        Outcome decided = run("profile", "--config", config.toString(), "--model", "churn", "--model-version", "2",
                "--csv", unsure.toString(), "--numeric", "age", "--dry-run");

        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("no data rows after the header");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("'age': 1 of 3 values are not numbers (line 3)");
        assertThat(decided.exitCode()).isZero();
        assertThat(decided.out()).contains("1 numeric and 1 categorical features").contains("line 3: column 'age'");
    }

    @Test
    void profileOfAMissingFileShouldExitWith2NamingIt() throws Exception {
        Path config = Files.writeString(dir.resolve("driftwatch.yaml"), MINIMAL);
        Outcome outcome = run("profile", "--config", config.toString(), "--model", "churn", "--model-version", "2",
                "--csv", dir.resolve("missing.csv").toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("missing.csv");
    }
}
