package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once under instance crashes (issue: reliability; docs/reliability.md): {@code driftwatch
 * run --only pipeline} (the fused per-record topology) in child JVMs, killed with SIGKILL at seeded
 * moments while predictions and labels stream in, each restarted at once on its configuration and
 * state directory. Afterwards {@link
 * AuditedTraffic} checks, reading committed records only, that each prediction and label counted
 * exactly once in one final snapshot per window, that nothing was dead-lettered, and that no
 * transaction hangs. The short version runs in every build; the chaos run (three instances, 20
 * kills, drift reports checked too) only with {@code -Pchaos}.
 */
class CrashRecoveryIT {

    @RegisterExtension
    static final KafkaTestCluster kafka = new KafkaTestCluster();

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    /** How hard to hit: instances, SIGKILLs at seeded gaps, and the stream they must get through. */
    private record Scenario(int instances, int kills, int minGapMs, int maxGapMs, int predictions, int perSecond,
                            boolean drift) {
    }

    @Test
    void killedThreeTimesMidStreamEveryFinalSnapshotShouldStillCountEachEventOnce() throws Exception {
        run(new Scenario(1, 3, 4_000, 10_000, 12_000, 200, false));
    }

    @Test
    @Tag("chaos")
    void threeInstancesKilledTwentyTimesShouldCountEachEventOnceAndReportEachDriftOnce() throws Exception {
        run(new Scenario(3, 20, 5_000, 20_000, 60_000, 200, true));
    }

    private void run(Scenario scenario) throws Exception {
        TrustedAvroPackages.trustEvents();
        String prefix = "crash" + UUID.randomUUID().toString().substring(0, 6);
        Path dir = KafkaTestCluster.tempDir("crash");
        Map<String, String> sections = DriftwatchProcess.sections(kafka.bootstrapServers(), kafka.registryUrl(), prefix,
                "partitions: " + AuditedTraffic.PARTITIONS);
        sections.put("models", "[{model: '*', label-horizon: 1m}]");
        sections.put("metrics", "{window: 1m, grace: 30s, flush-interval: 500ms}");
        sections.put("drift", "{window: 1m, grace: 30s, flush-interval: 500ms, idle-timeout: 10s, "
                + "auto-capture-samples: 1000, min-window-samples: 300, detectors: [adwin]}");
        List<DriftwatchProcess> instances = new ArrayList<>();
        for (int i = 0; i < scenario.instances(); i++) {
            instances.add(DriftwatchProcess.create(dir, i, sections,
                    "--only", "pipeline"));
        }
        DriftwatchConfig settings = instances.get(0).settings();
        kafka.createTopics(settings);
        TopicCatalogue topics = kafka.catalogue(settings);
        AuditedTraffic traffic = new AuditedTraffic(kafka.adminProperties(), topics, new Random(20261125),
                scenario.predictions());
        Runnable allRunning = () -> instances.forEach(i -> assertThat(i.alive()).as(i.logTail()).isTrue());
        Random chaos = new Random(7);
        try {
            instances.forEach(instance -> instance.start(START_TIMEOUT));
            Thread producer = traffic.startProducing(scenario.perSecond());
            for (int kill = 1; kill <= scenario.kills(); kill++) {
                Thread.sleep(scenario.minGapMs() + chaos.nextInt(scenario.maxGapMs() - scenario.minGapMs()));
                DriftwatchProcess victim = instances.get(chaos.nextInt(instances.size()));
                victim.kill();
                victim.start(START_TIMEOUT);
            }
            traffic.finish(producer);

            int finals = traffic.assertFinalSnapshotsEqualOfflineCounts(allRunning);
            if (scenario.drift()) {
                traffic.assertEachDriftReportedOnce(allRunning);
            }
            traffic.assertNoDeadLettersAndNoHangingTransactions();
            allRunning.run();
            System.out.printf("crash recovery: %d instance(s), %d kills survived, %d predictions and %d labels checked "
                            + "in %d final snapshots, duplicates 0, lost 0%n", scenario.instances(), scenario.kills(),
                    traffic.predictionCount(), traffic.labelCount(), finals);
        } finally {
            instances.forEach(DriftwatchProcess::close);
        }
    }
}
