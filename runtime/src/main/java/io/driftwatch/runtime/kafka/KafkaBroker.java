package io.driftwatch.runtime.kafka;

/** A running Kafka broker this process can reach. */
public interface KafkaBroker extends AutoCloseable {

    /** {@code host:port} for the {@code bootstrap.servers} client property. */
    String bootstrapServers();

    @Override
    void close();
}
