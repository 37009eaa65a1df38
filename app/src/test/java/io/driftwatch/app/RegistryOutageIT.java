package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A registry outage under load (issue: reliability; docs/reliability.md), a chaos run
 * ({@code -Pchaos}): {@code driftwatch run --only pipeline} in a child JVM reaches the
 * registry through a proxy that, while traffic streams in, answers 503 for 30 s and then refuses
 * connections for 30 s. The instance is killed and restarted as the outage begins, so that it has
 * no schema cached: it holds its processors back (health DEGRADED, the registry named) until the
 * registry answers. Nothing is dead-lettered, processing resumes by itself, and
 * {@link AuditedTraffic}'s exactly-once audit holds.
 */
@Tag("chaos")
class RegistryOutageIT {

    @RegisterExtension
    static final KafkaTestCluster kafka = new KafkaTestCluster();

    /** Transient failures met, each a stream thread replaced and its records read again. */
    private static final Pattern RETRIES = Pattern.compile("driftwatch_stream_thread_replacements_total\\{[^}]*} ([0-9.]+)");

    @Test
    void aSixtySecondOutageShouldStallProcessingNotDeadLetterAndLoseNothing() throws Exception {
        TrustedAvroPackages.trustEvents();
        String prefix = "outage" + UUID.randomUUID().toString().substring(0, 6);
        Path dir = KafkaTestCluster.tempDir("outage");
        try (RegistryProxy registry = new RegistryProxy(kafka.registryUrl())) {
            Map<String, String> sections = DriftwatchProcess.sections(kafka.bootstrapServers(), registry.url(), prefix,
                    "partitions: " + AuditedTraffic.PARTITIONS);
            sections.put("models", "[{model: '*', label-horizon: 1m}]");
            sections.put("metrics", "{window: 1m, grace: 30s, flush-interval: 500ms}");
            DriftwatchProcess driftwatch = DriftwatchProcess.create(dir, 0, sections, "--only", "pipeline");
            DriftwatchConfig settings = driftwatch.settings();
            kafka.createTopics(settings);
            TopicCatalogue topics = kafka.catalogue(settings);
            AuditedTraffic traffic = new AuditedTraffic(kafka.adminProperties(), topics, new Random(20261125), 12_000);
            try (driftwatch) {
                driftwatch.start(Duration.ofMinutes(3));
                Runnable running = () -> assertThat(driftwatch.alive()).as(driftwatch.logTail()).isTrue();
                Thread producer = traffic.startProducing(150);

                Thread.sleep(10_000);
                registry.answer503(true);
                driftwatch.kill();
                driftwatch.launch(); // it waits for the registry before it starts its processors
                Thread.sleep(30_000);
                String waiting = health(driftwatch.httpPort());
                registry.answer503(false);
                registry.refuseConnections();
                Thread.sleep(30_000);
                running.run();
                String refused = health(driftwatch.httpPort());
                long retries = retries(driftwatch.httpPort());
                registry.acceptConnections();
                driftwatch.awaitReady(Duration.ofMinutes(3));
                traffic.finish(producer);

                int finals = traffic.assertFinalSnapshotsEqualOfflineCounts(running);
                traffic.assertNoDeadLettersAndNoHangingTransactions();
                running.run();
                assertThat(waiting).as("health while the registry answers 503").contains("\"status\":\"DEGRADED\"")
                        .contains("\"registry\":\"unreachable\"");
                assertThat(refused).as("health while it refuses connections").contains("\"registry\":\"unreachable\"");
                System.out.printf("registry outage: 30 s of 503 then 30 s refused, %d reads retried; %d predictions and "
                                + "%d labels checked in %d final snapshots, dead letters 0, duplicates 0, lost 0%n",
                        retries, traffic.predictionCount(), traffic.labelCount(), finals);
            }
        }
    }

    private static String health(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The stream threads the instance replaced after transient failures, from its Prometheus output. */
    private static long retries(int port) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        long total = 0;
        Matcher matcher = RETRIES.matcher(metrics);
        while (matcher.find()) {
            total += (long) Double.parseDouble(matcher.group(1));
        }
        return total;
    }
}
