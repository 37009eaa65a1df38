package io.driftwatch.runtime.streams;

import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicSpec;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
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
    private final Map<String, Integer> partitionCounts;
    private final Integer partitions;
    private boolean profilesAdded;

    /**
     * Parts of a topology, given the partition count of each existing topic (the runner reads them
     * before it builds: no processor calls the cluster while building its topology).
     */
    public TopologyParts(TopicCatalogue topics, DriftwatchConfig config, MeterRegistry meters,
                         Map<String, Integer> partitionCounts) {
        this(topics, config, meters, Map.copyOf(partitionCounts), null);
    }

    /**
     * Parts of a topology under test, or built only to be read (e.g. for its ACLs), whose inputs
     * have {@code partitions} partitions.
     *
     * @param config null when the parts under test take their settings directly
     */
    public static TopologyParts withPartitions(TopicCatalogue topics, DriftwatchConfig config, MeterRegistry meters,
                                        int partitions) {
        return new TopologyParts(topics, config, meters, Map.of(), partitions);
    }

    private TopologyParts(TopicCatalogue topics, DriftwatchConfig config, MeterRegistry meters,
                          Map<String, Integer> partitionCounts, Integer partitions) {
        this.topics = topics;
        this.config = config;
        this.meters = meters;
        this.partitionCounts = partitionCounts;
        this.partitions = partitions;
    }

    /**
     * How many partitions the inputs have, the largest count among them (the merges of partial
     * summaries wait for that many partitions' progress).
     *
     * @throws IllegalStateException naming an input that does not exist
     */
    public int partitions(TopicSpec<?, ?>... inputs) {
        if (partitions != null) {
            return partitions;
        }
        int max = 0;
        for (TopicSpec<?, ?> input : inputs) {
            Integer count = partitionCounts.get(topics.name(input));
            if (count == null) {
                throw new IllegalStateException("topic " + topics.name(input) + " does not exist: create it first "
                        + "('driftwatch topics create', or topics.provision: true)");
            }
            max = Math.max(max, count);
        }
        return max;
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
