package io.driftwatch.runtime.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Configuration of a single-node KRaft broker (broker and controller in one process) whose
 * internal topics all have replication factor and min ISR 1, so transactions and consumer
 * groups work on one node.
 *
 * @param dataDir        log and metadata directory
 * @param brokerPort     PLAINTEXT listener port
 * @param controllerPort CONTROLLER listener port
 * @param overrides      extra broker properties, applied last
 */
public record BrokerSettings(Path dataDir, int brokerPort, int controllerPort, Map<String, String> overrides) {

    /** An override naming the cluster id to format the storage with (the nodes of one cluster share it); random if absent. */
    public static final String CLUSTER_ID = "driftwatch.cluster.id";

    public BrokerSettings {
        overrides = Map.copyOf(overrides);
    }

    /** Settings on two free loopback ports. */
    public static BrokerSettings onFreePorts(Path dataDir) {
        return onPort(dataDir, 0);
    }

    /** Settings with the broker on {@code brokerPort} (0: a free one) and the controller on a free port. */
    public static BrokerSettings onPort(Path dataDir, int brokerPort) {
        return new BrokerSettings(dataDir, brokerPort == 0 ? freePort() : brokerPort, freePort(), Map.of());
    }

    public BrokerSettings withOverrides(Map<String, String> extra) {
        return new BrokerSettings(dataDir, brokerPort, controllerPort, extra);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public Properties toProperties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("logs").toString());
        p.put("metadata.log.dir", dataDir.resolve("metadata").toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        p.putAll(overrides);
        return p;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
