package io.driftwatch.runtime.streams;

import io.driftwatch.runtime.topics.TopicCatalogue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** Copies predictions to validated predictions: the smallest app that exercises the runner's plumbing. */
final class PassThroughApp implements StreamsApp {

    @Override
    public String name() {
        return "passthrough";
    }

    @Override
    public Topology topology(TopologyParts parts) {
        TopicCatalogue topics = parts.topics();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.name(TopicCatalogue.PREDICTIONS),
                        topics.consumed(TopicCatalogue.PREDICTIONS).withName("read-predictions"))
                .to(topics.name(TopicCatalogue.VALIDATED_PREDICTIONS),
                        topics.produced(TopicCatalogue.VALIDATED_PREDICTIONS).withName("write-validated"));
        return builder.build();
    }
}
