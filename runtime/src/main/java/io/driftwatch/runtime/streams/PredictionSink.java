package io.driftwatch.runtime.streams;

import org.apache.kafka.streams.Topology;

/**
 * A processor fed by the validated and labelled predictions (the metric aggregator, the drift
 * detector): the same processors whether they run behind ingest in one topology or read the
 * topics as an application of their own.
 */
public interface PredictionSink {

    /** This processor alone: its part fed by reads of the validated and labelled topics. */
    default Topology fromTopics(TopologyParts parts) {
        addTo(parts, PredictionStreams.fromTopics(parts));
        return parts.builder().build();
    }


    /** Short name: the prefix of its processors' names in a shared topology. */
    String name();

    /** Adds this processor's part to the topology, fed by {@code predictions}. */
    void addTo(TopologyParts parts, PredictionStreams predictions);
}
