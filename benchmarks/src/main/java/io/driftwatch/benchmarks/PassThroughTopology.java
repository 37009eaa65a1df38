package io.driftwatch.benchmarks;

import io.driftwatch.runtime.streams.StreamsApp;
import io.driftwatch.runtime.streams.TopologyParts;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicSpec;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The baseline: a stateless topology that decodes both inputs with the same Avro serdes and
 * writes them out again. Whatever a Driftwatch processor costs beyond this is its own work.
 */
final class PassThroughTopology implements StreamsApp {

    private final List<TopicSpec<String, ?>> inputs;

    PassThroughTopology(List<TopicSpec<String, ?>> inputs) {
        this.inputs = List.copyOf(inputs);
    }

    @Override
    public String name() {
        return "passthrough";
    }

    @Override
    public Topology topology(TopologyParts parts) {
        StreamsBuilder builder = new StreamsBuilder();
        inputs.forEach(input -> copy(builder, parts.topics(), input));
        return builder.build();
    }

    private static <V> void copy(StreamsBuilder builder, TopicCatalogue topics, TopicSpec<String, V> input) {
        String name = input.baseName();
        builder.stream(topics.name(input), topics.consumed(input).withName("read-" + name))
                .to(output(topics, input), Produced.with(topics.keySerde(input), topics.valueSerde(input))
                        .withName("write-" + name));
    }

    /** Where a copy of an input goes; the harness creates these before the run. */
    List<String> outputTopics(TopicCatalogue topics) {
        return inputs.stream().map(input -> output(topics, input)).toList();
    }

    private static String output(TopicCatalogue topics, TopicSpec<String, ?> input) {
        return topics.name(input) + ".passthrough";
    }
}
