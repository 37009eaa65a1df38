package io.driftwatch.benchmarks;

import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.metrics.summary.WindowSummary;
import io.driftwatch.runtime.streams.StreamsApp;
import io.driftwatch.runtime.streams.TopologyParts;
import io.driftwatch.runtime.topics.TopicCatalogue;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * The naive way to the same numbers, as the baseline the metric aggregator must beat: the Kafka
 * Streams DSL's {@code groupBy(model).windowedBy(1 minute).aggregate(...)} of the same
 * {@link WindowSummary}, for predictions and for labelled predictions. Every raw event is
 * repartitioned by model, so one hot model is one task, and every record updates (and, through the
 * record cache, serializes) its window's summary in a store.
 */
final class NaiveAggregationTopology implements StreamsApp {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Duration GRACE = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "naive-dsl";
    }

    @Override
    public Topology topology(TopologyParts parts) {
        TopicCatalogue topics = parts.topics();
        Serde<WindowSummary> summaries = Serdes.serdeFrom((topic, s) -> s.toBytes(), (topic, b) -> WindowSummary.fromBytes(b));
        TimeWindows windows = TimeWindows.ofSizeAndGrace(WINDOW, GRACE);
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, PredictionEvent> predictions = builder.stream(topics.name(TopicCatalogue.VALIDATED_PREDICTIONS),
                topics.consumed(TopicCatalogue.VALIDATED_PREDICTIONS));
        KStream<String, LabeledPrediction> labels = builder.stream(topics.name(TopicCatalogue.LABELED_PREDICTIONS),
                topics.consumed(TopicCatalogue.LABELED_PREDICTIONS));
        KStream<String, byte[]> predictionWindows = predictions
                .groupBy((id, p) -> p.getModelId() + "/" + p.getModelVersion(),
                        Grouped.with("by-model-predictions", Serdes.String(),
                                topics.valueSerde(TopicCatalogue.VALIDATED_PREDICTIONS)))
                .windowedBy(windows)
                .aggregate(WindowSummary::new, (model, p, summary) -> {
                    summary.addPrediction(p, "1");
                    return summary;
                }, Named.as("aggregate-predictions"), Materialized.with(Serdes.String(), summaries))
                .toStream()
                .map((window, summary) -> KeyValue.pair(window.key() + "/" + window.window().start(), summary.toBytes()));
        KStream<String, byte[]> labelWindows = labels
                .groupBy((id, l) -> l.getPrediction().getModelId() + "/" + l.getPrediction().getModelVersion(),
                        Grouped.with("by-model-labels", Serdes.String(), topics.valueSerde(TopicCatalogue.LABELED_PREDICTIONS)))
                .windowedBy(windows)
                .aggregate(WindowSummary::new, (model, l, summary) -> {
                    summary.addLabeled(l, "1");
                    return summary;
                }, Named.as("aggregate-labels"), Materialized.with(Serdes.String(), summaries))
                .toStream()
                .map((window, summary) -> KeyValue.pair(window.key() + "/" + window.window().start(), summary.toBytes()));
        predictionWindows.merge(labelWindows).to(output(topics), Produced.with(Serdes.String(), Serdes.ByteArray()));
        return builder.build();
    }

    /** Where the summaries go; the harness creates it before the run. */
    static String output(TopicCatalogue topics) {
        return topics.name(TopicCatalogue.METRICS) + ".naive";
    }
}
