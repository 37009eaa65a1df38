package io.driftwatch.runtime.streams;

/**
 * Ingest, as the start of the per-record path: raw events in, validated and labelled predictions
 * out; an application of its own too, whose Kafka Streams defaults the fused pipeline takes.
 */
public interface PredictionSource extends StreamsApp {

    /**
     * Adds ingest's part to the topology.
     *
     * @return its validated and labelled predictions, for the processors behind it in the same topology
     */
    PredictionStreams addTo(TopologyParts parts);
}
