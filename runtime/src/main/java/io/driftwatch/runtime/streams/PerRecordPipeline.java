package io.driftwatch.runtime.streams;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.Topology;

/**
 * The per-record path as one application: ingest hands each validated and each labelled
 * prediction to the summarisers of the processors behind it in memory, in the same task, so a
 * raw event crosses the broker once; only partial summaries are repartitioned to the merges
 * (docs/architecture.md, "The fused per-record topology").
 */
public final class PerRecordPipeline implements StreamsApp {

    public static final String NAME = "pipeline";

    private final PredictionSource source;
    private final List<? extends PredictionSink> sinks;

    /** @param source ingest, whose Kafka Streams defaults the pipeline takes (the merges have one input each) */
    public PerRecordPipeline(PredictionSource source, List<? extends PredictionSink> sinks) {
        this.source = source;
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The fused topology, built from {@code parts}. */
    @Override
    public Topology topology(TopologyParts parts) {
        PredictionStreams predictions = source.addTo(parts);
        sinks.forEach(sink -> sink.addTo(parts, predictions));
        return parts.builder().build();
    }

    @Override
    public Map<String, Object> streamsDefaults() {
        return source.streamsDefaults();
    }
}
