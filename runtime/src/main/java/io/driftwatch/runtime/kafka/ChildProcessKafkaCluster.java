package io.driftwatch.runtime.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft cluster of three nodes, each broker and controller, each in a child JVM, with replication
 * factor 3 and min ISR 2 everywhere (transactions and offsets included): a cluster that survives a
 * node's SIGKILL, so that a test can kill the leader of a partition, or every node, and start them
 * again on their data.
 */
public final class ChildProcessKafkaCluster implements AutoCloseable {

    private static final int SIZE = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final List<ChildProcessKafkaBroker> nodes = new ArrayList<>();

    private ChildProcessKafkaCluster(Path dir) {
        List<BrokerSettings> settings = new ArrayList<>();
        for (int id = 1; id <= SIZE; id++) {
            settings.add(BrokerSettings.onFreePorts(dir.resolve("node-" + id)));
        }
        String voters = settings.stream().map(s -> (settings.indexOf(s) + 1) + "@127.0.0.1:" + s.controllerPort())
                .collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        try {
            for (int id = 1; id <= SIZE; id++) {
                Map<String, String> overrides = new HashMap<>(Map.of(
                        "node.id", String.valueOf(id),
                        "controller.quorum.voters", voters,
                        BrokerSettings.CLUSTER_ID, clusterId,
                        "default.replication.factor", "3",
                        "offsets.topic.replication.factor", "3",
                        "transaction.state.log.replication.factor", "3",
                        "transaction.state.log.min.isr", "2",
                        "min.insync.replicas", "2"));
                overrides.put("share.coordinator.state.topic.replication.factor", "3");
                overrides.put("share.coordinator.state.topic.min.isr", "2");
                nodes.add(ChildProcessKafkaBroker.node(settings.get(id - 1).withOverrides(overrides)));
            }
            awaitAllRegistered();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts three nodes on free ports in a fresh temporary directory, deleted on close. */
    public static ChildProcessKafkaCluster start() {
        try {
            return new ChildProcessKafkaCluster(Files.createTempDirectory("driftwatch-kafka-cluster-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return nodes.stream().map(n -> n.settings().bootstrapServers()).collect(Collectors.joining(","));
    }

    /** The node id (1–3) leading the partition now. */
    public int leaderOf(String topic, int partition) {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().get(partition).leader().id();
        } catch (Exception e) {
            throw new IllegalStateException("cannot find the leader of " + topic + "-" + partition, e);
        }
    }

    /** SIGKILL of one node. */
    public void kill(int nodeId) {
        nodes.get(nodeId - 1).kill();
    }

    /** Starts a killed node again on its data and waits until all nodes are registered. */
    public void restart(int nodeId) {
        nodes.get(nodeId - 1).relaunch();
        awaitAllRegistered();
    }

    /** SIGKILL of every node. */
    public void killAll() {
        nodes.forEach(ChildProcessKafkaBroker::kill);
    }

    /** Starts every killed node again (together: each needs a quorum) and waits until all are registered. */
    public void restartAll() {
        nodes.stream().filter(n -> !n.alive()).forEach(ChildProcessKafkaBroker::relaunch);
        awaitAllRegistered();
    }

    @Override
    public void close() {
        nodes.forEach(ChildProcessKafkaBroker::close);
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    private void awaitAllRegistered() {
        EmbeddedKafkaBroker.awaitNodes(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()), SIZE,
                READY_TIMEOUT);
    }
}
