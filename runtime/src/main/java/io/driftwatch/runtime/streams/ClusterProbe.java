package io.driftwatch.runtime.streams;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Asks the cluster every few seconds whether it answers. Kafka Streams stays RUNNING for a long
 * while when every broker is gone (its threads just wait), so health cannot read an outage off the
 * processors' states alone. Describing the cluster needs no ACL.
 */
final class ClusterProbe implements AutoCloseable {

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    /** Unreachable once no probe has succeeded for this long: one slow answer is not an outage. */
    private static final Duration TOLERANCE = Duration.ofSeconds(15);

    private final Admin admin;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "driftwatch-cluster-probe");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long lastAnswerNanos = System.nanoTime();

    ClusterProbe(Map<String, Object> kafka) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "driftwatch-cluster-probe");
        admin = Admin.create(props);
        scheduler.scheduleWithFixedDelay(this::probe, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean reachable() {
        return System.nanoTime() - lastAnswerNanos < TOLERANCE.toNanos();
    }

    private void probe() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) INTERVAL.toMillis()))
                    .clusterId().get(INTERVAL.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            lastAnswerNanos = System.nanoTime();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // no answer: reachable() turns false once the tolerance has passed
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        admin.close(Duration.ofSeconds(5));
    }
}
