package io.driftwatch.app;

import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicSpec;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Driftwatch's output topics as committed (read_committed), decoded, without a consumer
 * group: every partition is assigned, from the beginning or from the end. What {@code tail} and
 * the demo's live log read.
 */
final class OutputReader implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Deserializer<?>> deserializers = new HashMap<>();

    OutputReader(DriftwatchConfig config, List<? extends TopicSpec<String, ?>> outputs, boolean fromBeginning) {
        TrustedAvroPackages.trustEvents();
        TopicCatalogue topics = TopicCatalogue.of(config);
        Map<String, Object> props = new HashMap<>(config.kafka());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicSpec<String, ?> spec : outputs) {
            String name = topics.name(spec);
            deserializers.put(name, topics.valueSerde(spec).deserializer());
            List<PartitionInfo> infos = consumer.partitionsFor(name, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("topic " + name + " does not exist; run 'driftwatch topics create' first");
            }
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
    }

    /** Polls until {@link #close} or {@link #wakeup}, handing each decoded value (null for a tombstone) to {@code handler}. */
    void forEach(Consumer<Object> handler) {
        forEach(handler, () -> { });
    }

    /**
     * As {@link #forEach(Consumer)}, running {@code afterPoll} after each poll whose records were all
     * handled. A record that cannot be decoded (e.g. the registry is away) ends it with that
     * exception, positioned so that the next call reads that record again: nothing is skipped.
     */
    void forEach(Consumer<Object> handler, Runnable afterPoll) {
        try {
            while (true) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                Map<TopicPartition, Long> handled = new HashMap<>();
                try {
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        handler.accept(deserializers.get(r.topic()).deserialize(r.topic(), r.headers(), r.value()));
                        handled.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
                    }
                } catch (RuntimeException e) {
                    for (TopicPartition partition : records.partitions()) {
                        consumer.seek(partition, handled.getOrDefault(partition, records.records(partition).get(0).offset()));
                    }
                    throw e;
                }
                afterPoll.run();
            }
        } catch (WakeupException e) {
            // asked to stop
        }
    }

    /** Makes a running {@link #forEach} return; safe from any thread. */
    void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
