package io.driftwatch.runtime.streams;

import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicPartitions;
import io.driftwatch.runtime.topics.TopicSpec;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * What a processor adds its part of a topology with, and what parts of one topology share: the
 * global store of reference profiles, which Kafka Streams lets a topology read its topic into once.
 */
public final class TopologyParts {

    /** The global store of reference profiles: raw bytes by {@code model/version}. */
    public static final String REFERENCE_PROFILES = "reference-profiles";

    private final StreamsBuilder builder = new StreamsBuilder();
    private final TopicCatalogue topics;
    private final DriftwatchConfig config;
    private final MeterRegistry meters;
    private final Integer partitions;
    private boolean profilesAdded;

    /** Parts of a topology that runs against the config's cluster, where the topics' partition counts are read. */
    public TopologyParts(TopicCatalogue topics, DriftwatchConfig config, MeterRegistry meters) {
        this(topics, config, meters, null);
    }

    /**
     * Parts of a topology under test, whose inputs have {@code partitions} partitions.
     *
     * @param config null when the parts under test take their settings directly
     */
    public static TopologyParts forTest(TopicCatalogue topics, DriftwatchConfig config, MeterRegistry meters,
                                        int partitions) {
        return new TopologyParts(topics, config, meters, partitions);
    }

    private TopologyParts(TopicCatalogue topics, DriftwatchConfig config, MeterRegistry meters, Integer partitions) {
        this.topics = topics;
        this.config = config;
        this.meters = meters;
        this.partitions = partitions;
    }

    /**
     * How many partitions the inputs have, the largest count among them (the merges of partial
     * summaries wait for that many partitions' progress).
     *
     * @throws IllegalStateException naming the topics when they cannot be described
     */
    public int partitions(TopicSpec<?, ?>... inputs) {
        if (partitions != null) {
            return partitions;
        }
        return TopicPartitions.max(config.kafka(), Stream.of(inputs).map(topics::name).toList(), Duration.ofSeconds(30));
    }

    public StreamsBuilder builder() {
        return builder;
    }

    public TopicCatalogue topics() {
        return topics;
    }

    public DriftwatchConfig config() {
        return config;
    }

    public MeterRegistry meters() {
        return meters;
    }

    /** The name of the global store of reference profiles, added to the topology on the first call. */
    public String referenceProfiles() {
        if (!profilesAdded) {
            GlobalStoreUpdater.addGlobalStore(builder, REFERENCE_PROFILES, topics.name(TopicCatalogue.REFERENCE_PROFILES),
                    "read-reference-profiles");
            profilesAdded = true;
        }
        return REFERENCE_PROFILES;
    }
}
