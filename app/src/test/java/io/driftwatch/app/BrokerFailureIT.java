package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.runtime.kafka.ChildProcessKafkaCluster;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.registry.RegistryClientConfig;
import io.driftwatch.schemas.registry.server.EmbeddedSchemaRegistry;
import io.driftwatch.schemas.serde.AvroSerdes;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Broker failures (issue: reliability; docs/reliability.md), a chaos run ({@code -Pchaos}): a
 * three-node KRaft cluster (replication factor 3, min ISR 2) in child JVMs, the registry on it, and
 * {@code driftwatch run --only pipeline} in a child JVM while traffic streams in. The leader
 * of an input partition is killed with SIGKILL and started again 30 s later; then every node is
 * killed for 30 s. The processors never go DOWN, {@code /health} reports DEGRADED during the
 * outage and UP after it, and {@link AuditedTraffic}'s exactly-once audit holds.
 */
@Tag("chaos")
class BrokerFailureIT {

    private static final Pattern STATUS = Pattern.compile("\"status\":\"(\\w+)\"");

    @Test
    void theProcessorsShouldRideOutALeaderCrashAndAFullOutageCountingEachEventOnce() throws Exception {
        TrustedAvroPackages.trustEvents();
        String prefix = "brokers" + UUID.randomUUID().toString().substring(0, 6);
        Path dir = KafkaTestCluster.tempDir("brokers");
        try (ChildProcessKafkaCluster cluster = ChildProcessKafkaCluster.start();
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder()
                     .kafka(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers())).start()) {
            Map<String, String> sections = DriftwatchProcess.sections(cluster.bootstrapServers(), registry.url(), prefix,
                    "partitions: " + AuditedTraffic.PARTITIONS + ", replication-factor: 3");
            sections.put("models", "[{model: '*', label-horizon: 1m}]");
            sections.put("metrics", "{window: 1m, grace: 30s, flush-interval: 500ms}");
            TopicCatalogue topics = new TopicCatalogue(prefix + ".",
                    AvroSerdes.fromConfig(Map.of(RegistryClientConfig.URL, registry.url())));
            AuditedTraffic traffic = new AuditedTraffic(
                    Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()), topics,
                    new Random(20261125), 12_000);
            // The processors provision the topics themselves (topics.provision defaults to true).
            try (DriftwatchProcess driftwatch = DriftwatchProcess.create(dir, 0, sections, "--only", "pipeline")) {
                driftwatch.start(Duration.ofMinutes(3));
                List<String> statuses = new CopyOnWriteArrayList<>();
                Thread watcher = watchHealth(driftwatch.httpPort(), statuses);
                Runnable running = () -> assertThat(driftwatch.alive()).as(driftwatch.logTail()).isTrue();
                Thread producer = traffic.startProducing(150);

                Thread.sleep(10_000);
                int leader = cluster.leaderOf(topics.name(TopicCatalogue.PREDICTIONS), 0);
                cluster.kill(leader);
                Thread.sleep(30_000);
                cluster.restart(leader);
                Thread.sleep(10_000);
                cluster.killAll();
                Thread.sleep(30_000);
                cluster.restartAll();
                traffic.finish(producer);

                int finals;
                try {
                    finals = traffic.assertFinalSnapshotsEqualOfflineCounts(running);
                } catch (AssertionError e) {
                    // Records outside their window are counted late somewhere: which merge did so (docs/reliability.md).
                    throw new AssertionError(e.getMessage() + "\nlate counters of the run:\n"
                            + driftwatch.metricLines("driftwatch_metrics_late") + "\n"
                            + driftwatch.metricLines("driftwatch_drift_late"), e);
                }
                traffic.assertNoDeadLettersAndNoHangingTransactions();
                running.run();
                watcher.interrupt();
                watcher.join();
                List<String> seen = statuses.stream().distinct().toList();
                assertThat(seen).as("/health over the run: " + statuses).doesNotContain("DOWN", "unanswered")
                        .contains("DEGRADED");
                assertThat(statuses.get(statuses.size() - 1)).isEqualTo("UP");
                System.out.printf("broker failures: leader %d killed for 30 s, all 3 nodes killed for 30 s; /health %s; "
                                + "%d predictions and %d labels checked in %d final snapshots, duplicates 0, lost 0%n",
                        leader, compress(statuses), traffic.predictionCount(), traffic.labelCount(), finals);
            }
        }
    }

    /** Polls /health every 250 ms, recording each answer's status (or "unanswered"). */
    private static Thread watchHealth(int port, List<String> statuses) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).build();
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    Matcher status = STATUS.matcher(response.body());
                    statuses.add(status.find() ? status.group(1) : "unanswered");
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    statuses.add("unanswered");
                }
            }
        }, "health-watcher");
        watcher.start();
        return watcher;
    }

    /** UP UP DEGRADED DEGRADED UP → UP → DEGRADED → UP. */
    private static String compress(List<String> statuses) {
        StringBuilder out = new StringBuilder();
        String last = null;
        for (String status : statuses) {
            if (!status.equals(last)) {
                out.append(last == null ? "" : " → ").append(status);
                last = status;
            }
        }
        return out.toString();
    }
}
