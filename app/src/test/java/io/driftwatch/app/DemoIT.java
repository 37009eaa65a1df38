package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.app.simulate.ShopWorld;
import io.driftwatch.client.GroundTruthLogger;
import io.driftwatch.client.LoggerSettings;
import io.driftwatch.client.PredictionLogger;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.examples.retraining.JobSettings;
import io.driftwatch.examples.retraining.RetrainingJob;
import io.driftwatch.runtime.testing.ConfluentPythonClient;
import io.driftwatch.schemas.serde.AvroDeserializer;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import picocli.CommandLine;

/**
 * {@code driftwatch demo} as a user runs it, with its default story and a fixed seed, kept running
 * afterwards: the injected data drift is found in exactly the two features it was injected in,
 * the concept drift is found, nothing is flagged where nothing was injected, alerts and a
 * retraining trigger come; and the dashboard shows it in a real (headless) Chromium.
 */
class DemoIT {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final String PYTHON = ConfluentPythonClient.PYTHON;
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private static final StringWriter output = new StringWriter();
    private static final int KAFKA_PORT = freePort();
    private static final int REGISTRY_PORT = freePort();
    private static final AtomicInteger exit = new AtomicInteger(-1);
    private static DemoCommand demo;
    private static Thread running;

    @BeforeAll
    static void runTheDemo() {
        CommandLine cli = Driftwatch.commandLine();
        cli.setOut(new PrintWriter(output, true));
        demo = (DemoCommand) cli.getSubcommands().get("demo").getCommand();
        running = new Thread(() -> exit.set(cli.execute("demo", "--seed", "7", "--port", "0", "--keep-running",
                "--kafka-port", String.valueOf(KAFKA_PORT), "--registry-port", String.valueOf(REGISTRY_PORT))), "demo");
        running.start();
        await("the demo's summary").atMost(Duration.ofMinutes(4)).until(() -> demo.summary != null || exit.get() >= 0);
    }

    @AfterAll
    static void stopTheDemo() throws InterruptedException {
        demo.stop();
        running.join(Duration.ofMinutes(1).toMillis());
        assertThat(exit.get()).as(output.toString()).isZero();
    }

    @Test
    void demoShouldDetectWhatItInjectsAndNothingElse() {
        String printed = output.toString();
        DemoStory.Summary summary = demo.summary;
        assertThat(summary).as(printed).isNotNull();

        DemoStory.Finding data = summary.finding("data drift");
        assertThat(data.detected()).as(printed).isTrue();
        assertThat(data.found()).as(printed).containsExactlyInAnyOrder(ShopWorld.DAYS_SINCE_LAST_VISIT,
                ShopWorld.SESSION_LENGTH, ShopWorld.TRAFFIC_SOURCE);
        // The shift into shorter sessions lowers the accuracy with the concept unchanged: the estimate sees it
        // when the first shifted window closes, the realised accuracy once that window's labels are final.
        DemoStory.Estimation estimation = summary.estimation();
        assertThat(estimation.estimatedIn()).as(printed).isNotNull().isAfter(data.injectedAt());
        assertThat(estimation.estimatedIn()).as(printed).isBeforeOrEqualTo(data.injectedAt().plus(Duration.ofMinutes(10)));
        assertThat(estimation.realisedIn()).as(printed).isNotNull();
        assertThat(estimation.estimatedFirst()).as(printed).isTrue();
        DemoStory.Finding concept = summary.finding("concept drift");
        assertThat(concept.detected()).as(printed).isTrue();
        assertThat(concept.found()).as(printed).contains("ADWIN");
        assertThat(summary.falseAlarms()).as(printed).isEmpty();
        assertThat(summary.alertsFiring()).as(printed).isPositive();
        assertThat(summary.triggers()).as(printed).isPositive();
        assertThat(summary.predictions()).isEqualTo(120_000);
        assertThat(summary.ingested()).isGreaterThanOrEqualTo(summary.predictions());
        assertThat(summary.deadLetters()).isZero();
        assertThat(printed).contains("Summary", "injected data drift", "→ detected in the window ending",
                "RETRAINING TRIGGER OPEN  purchase-propensity", "ALERT FIRING");
    }

    /** The README's "your own events in the demo", as a Java user does it: through the printed addresses. */
    @Test
    void ownEventsShouldReachTheRunningDemoThroughThePrintedAddresses() throws Exception {
        String printed = output.toString().lines().filter(l -> l.startsWith("Your own producers and consumers: "))
                .findFirst().orElseThrow();
        String kafka = "127.0.0.1:" + KAFKA_PORT;
        String registry = "http://127.0.0.1:" + REGISTRY_PORT;
        assertThat(printed).contains("Kafka " + kafka).contains("schema registry " + registry);
        TrustedAvroPackages.trustEvents();

        // The README's Java snippet, with the demo's addresses.
        LoggerSettings settings = LoggerSettings.builder(kafka, registry).build();
        PredictionLogger predictions = new PredictionLogger(settings);
        GroundTruthLogger labels = new GroundTruthLogger(settings);
        predictions.prediction("own-1").model("my-model", "1").numeric("tenure_months", 14).categorical("plan", "pro")
                .score(0.82).label("1").segment("country", "DE").latencyMs(12.5).log();
        labels.groundTruth("own-1").model("my-model").label("1").outcome("revenue", 59.0).log();
        predictions.close(Duration.ofSeconds(5));
        labels.close(Duration.ofSeconds(5));

        assertThat(predictions.dropped() + predictions.failed() + labels.dropped() + labels.failed()).isZero();
        awaitJoined("own-1");
        String api = dashboardUrl() + "api/models";
        await("my-model on the dashboard's model list").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api))
                        .build(), HttpResponse.BodyHandlers.ofString()).body().contains("\"my-model\""));
    }

    /** The README's Python snippets, run as written with Debian's Confluent client; only the addresses are the demo's. */
    @Test
    void readmePythonSnippetsShouldRunAsWritten() throws Exception {
        ConfluentPythonClient.require();
        String readme = Files.readString(Path.of("..", "README.md"));

        String produced = python(snippet(readme, "produce"));
        awaitJoined("py-1");
        String consumed = python(snippet(readme, "consume"));

        assertThat(consumed).as(produced + consumed).contains("driftwatch.alerts.v1 purchase-propensity|")
                .contains("driftwatch.retraining-triggers.v1 " + ShopWorld.PROPENSITY + " concept drift");
    }

    /** The code block after {@code <!-- readme-python: name -->}, pointed at this demo. */
    private static String snippet(String readme, String name) {
        int marker = readme.indexOf("<!-- readme-python: " + name);
        assertThat(marker).as("README block " + name).isNotNegative();
        int start = readme.indexOf("```python\n", marker) + "```python\n".length();
        return readme.substring(start, readme.indexOf("```", start))
                .replace("127.0.0.1:9092", "127.0.0.1:" + KAFKA_PORT)
                .replace("http://127.0.0.1:8081", "http://127.0.0.1:" + REGISTRY_PORT);
    }

    private static String python(String code) throws Exception {
        Process process = new ProcessBuilder(PYTHON, "-c", code).redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(printed).isZero();
        return printed;
    }

    /** Waits until ingest has joined the prediction with this id with its label. */
    private static void awaitJoined(String predictionId) {
        Map<String, Object> consumerProps = Map.of("bootstrap.servers", "127.0.0.1:" + KAFKA_PORT,
                "group.id", "joined-" + predictionId, "auto.offset.reset", "earliest", "isolation.level", "read_committed",
                "key.deserializer", StringDeserializer.class, "value.deserializer", AvroDeserializer.class,
                "schema.registry.url", "http://127.0.0.1:" + REGISTRY_PORT, "specific.avro.reader", true);
        try (var consumer = new KafkaConsumer<String, LabeledPrediction>(consumerProps)) {
            consumer.subscribe(List.of("driftwatch.labeled-predictions.v1"));
            List<String> joined = new ArrayList<>();
            await(predictionId + " joined with its label").atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> joined.add(r.key()));
                return joined.contains(predictionId);
            });
        }
    }

    /** examples/retraining-job against the demo's trigger: it trains once, whatever happens to its offsets. */
    @Test
    void theWorkedRetrainingJobShouldActOnceOnTheDemosTrigger(@TempDir Path out) throws Exception {
        assertThat(demo.summary.triggers()).as(output.toString()).isPositive();
        String[] where = {"--bootstrap-servers", "127.0.0.1:" + KAFKA_PORT, "--registry", "http://127.0.0.1:" + REGISTRY_PORT,
                "--out", out.toString(), "--once"};
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());

        List<RetrainingJob.Outcome> first = new RetrainingJob(JobSettings.parse(where), quiet).run();
        List<RetrainingJob.Outcome> again = new RetrainingJob(JobSettings.parse(where), quiet).run();
        String[] lostOffsets = Arrays.copyOf(where, where.length + 2);
        lostOffsets[where.length] = "--group";
        lostOffsets[where.length + 1] = "a-restart-that-lost-its-offsets";
        List<RetrainingJob.Outcome> replayed = new RetrainingJob(JobSettings.parse(lostOffsets), quiet).run();

        assertThat(first).isNotEmpty().allSatisfy(o -> {
            assertThat(o.alreadyTrained()).isFalse();
            assertThat(o.modelId()).isEqualTo(ShopWorld.PROPENSITY);
            assertThat(o.rows()).isPositive();
            assertThat(Files.readAllLines(o.trainingFile())).hasSize((int) o.rows() + 1).first().asString()
                    .startsWith("event_time,").endsWith(",label");
        });
        assertThat(again).as("committed: nothing new").isEmpty();
        assertThat(replayed).as("read again, acted on once").hasSameSizeAs(first)
                .allMatch(RetrainingJob.Outcome::alreadyTrained);
    }

    /** The dashboard's address, as the demo prints it. */
    private static String dashboardUrl() {
        return output.toString().lines().filter(l -> l.startsWith("Dashboard and API: ")).findFirst().orElseThrow()
                .replaceAll(".*(http://\\S+/).*", "$1");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void dashboardShouldShowTheStoryInABrowser() throws Exception {
        Assumptions.assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "Chromium is not installed: apt-get install chromium chromium-driver (.ci/run does)");
        String url = dashboardUrl();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // Headless as root on a machine without a network: no sandbox, no background connections.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1100", "--user-data-dir=" + Files.createTempDirectory("chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort()
                .build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            browser.get(url);
            await("charts with data").atMost(Duration.ofSeconds(60)).until(() -> points(browser, "volume") >= 10
                    && points(browser, "performance") >= 10 && points(browser, "latency") >= 10
                    && !browser.findElements(By.cssSelector("#alerts tr.alert.FIRING")).isEmpty());
            Path screenshot = Path.of("target", "dashboard.png");
            Files.copy(((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
                    StandardCopyOption.REPLACE_EXISTING);

            // The model with the most severe firing alerts is shown first: the one whose concept changed.
            assertThat(browser.findElement(By.id("model-name")).getText()).isEqualTo(ShopWorld.PROPENSITY);
            assertThat(browser.findElements(By.cssSelector("#models li")).stream().map(e -> e.getText()))
                    .anyMatch(t -> t.startsWith(ShopWorld.BASKET));
            assertThat(browser.findElements(By.cssSelector(
                    "#drift-heatmap td.drifted[data-feature='" + ShopWorld.TRAFFIC_SOURCE + "']"))).isNotEmpty();
            assertThat(browser.findElements(By.cssSelector(
                    "#drift-heatmap td.drifted[data-feature='" + ShopWorld.PAGES_VIEWED + "']"))).isEmpty();
            assertThat(browser.findElement(By.id("performance-title")).getText()).contains("estimated ±3 SE");
            assertThat(browser.findElement(By.id("estimation-note")).isDisplayed()).isTrue();
            assertThat(browser.findElements(By.cssSelector("#alerts tr.alert.FIRING")).stream().map(e -> e.getText()))
                    .anyMatch(t -> t.contains("concept drift (ADWIN)"));
            assertThat(screenshot).isNotEmptyFile();
        } finally {
            browser.quit();
        }
    }

    private static int points(WebDriver browser, String chart) {
        return Integer.parseInt(browser.findElement(By.id(chart)).getDomAttribute("data-points"));
    }
}
