package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.events.Alert;
import io.driftwatch.events.AlertState;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.Severity;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code topics}, {@code simulate} and {@code tail} against a real broker and registry, as a user calls them. */
class CommandsIT {

    @RegisterExtension
    static final KafkaTestCluster kafka = new KafkaTestCluster();

    private record Run(int exit, String out, String err) {
    }

    @Test
    void topicsSimulateAndTailShouldWorkAgainstACluster() throws Exception {
        TrustedAvroPackages.trustEvents();
        String prefix = "c" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Path config = Files.createTempFile(KafkaTestCluster.tempDir("cli"), "driftwatch", ".yaml");
        Files.writeString(config, String.join("\n",
                "kafka: {bootstrap.servers: \"" + kafka.bootstrapServers() + "\"}",
                "schema-registry: {url: \"" + kafka.registryUrl() + "\"}",
                "topics: {prefix: \"" + prefix + "\", partitions: 2}", ""));
        DriftwatchConfig settings = DriftwatchConfig.load(config, Map.of());
        TopicCatalogue topics = kafka.catalogue(settings);

        Run missing = run("topics", "check", "--config", config.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.out()).contains("MISSING   " + prefix + "driftwatch.alerts.v1");
        Run created = run("topics", "create", "--config", config.toString());
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out().lines().filter(l -> l.startsWith("created"))).hasSize(TopicCatalogue.ALL.size());
        Run checked = run("topics", "check", "--config", config.toString());
        assertThat(checked.exit()).as(checked.out()).isZero();
        assertThat(checked.out()).contains("All " + TopicCatalogue.ALL.size() + " topics are in place.");

        Run simulated = run("simulate", "--config", config.toString(), "--rate", "200", "--duration", "2s", "--seed", "3");
        assertThat(simulated.exit()).as(simulated.err()).isZero();
        assertThat(simulated.out()).contains("Done: 800 predictions");
        List<PredictionEvent> predictions = kafka.awaitRecords(topics.name(TopicCatalogue.PREDICTIONS),
                new StringDeserializer(), topics.valueSerde(TopicCatalogue.PREDICTIONS).deserializer(), 800)
                .stream().map(r -> r.value()).toList();
        assertThat(predictions).hasSize(800);
        assertThat(predictions).extracting(PredictionEvent::getModelId).containsOnly("purchase-propensity", "basket-value");

        Alert alert = Alert.newBuilder().setDedupeKey("k").setModelId("churn").setModelVersion("3").setRuleId("accuracy-low")
                .setSeverity(Severity.CRITICAL).setState(AlertState.FIRING).setStartsAt(Instant.parse("2026-11-23T10:00:00Z"))
                .setSentAt(Instant.now()).setNotification(1).setSummary("churn v3: accuracy < 0.8").setEvidence(List.of())
                .setSilenced(false).build();
        kafka.produce(topics.name(TopicCatalogue.ALERTS), new StringSerializer(),
                topics.valueSerde(TopicCatalogue.ALERTS).serializer(), Map.of("k", alert));
        Run line = run("tail", "alerts", "--config", config.toString(), "--from-beginning", "--max-records", "1");
        assertThat(line.exit()).as(line.err()).isZero();
        assertThat(line.out()).contains("10:00 ALERT FIRING   CRITICAL churn v3  churn v3: accuracy < 0.8");
        Run json = run("tail", "alerts", "--config", config.toString(), "--from-beginning", "--max-records", "1", "--json");
        assertThat(json.out()).contains("\"rule_id\": \"accuracy-low\"");

        // The least ACLs, read off the topologies: e.g. the drift detector's own transactional ids and its report topic.
        Run acls = run("acls", "--config", config.toString(), "--principal", "User:dw", "--only", "drift");
        assertThat(acls.exit()).as(acls.err()).isZero();
        assertThat(acls.out()).contains("--allow-principal User:dw --operation Write --transactional-id 'driftwatch-drift' "
                        + "--resource-pattern-type prefixed")
                .contains("--operation Read --group 'driftwatch-drift'")
                .contains("--operation Read --topic '" + prefix + "driftwatch.labeled-predictions.v1'")
                .contains("--operation Write --topic '" + prefix + "driftwatch.drift-reports.v1'")
                .doesNotContain("--operation Write --topic '" + prefix + "driftwatch.metrics.v1'");

        Run unknown = run("tail", "nonsense", "--config", config.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("expected one of");
    }

    private static Run run(String... args) {
        CommandLine cli = Driftwatch.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
