package io.driftwatch.runtime.streams;

import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.runtime.topics.TopicCatalogue;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The validated and the labelled predictions as streams of one topology, whether ingest hands
 * them over in memory or they are read from their topics. Keys are the prediction ids, as strings
 * or as their UTF-8 bytes depending on the source; consumers take any key (processors of
 * {@code Object} keys) and read none.
 *
 * @param partitions how many partitions the records come from: the merge of partial summaries
 *                   waits for the progress of that many (see {@code Watermarks})
 */
public record PredictionStreams(KStream<Object, PredictionEvent> validated, KStream<Object, LabeledPrediction> labeled,
                                int partitions) {

    @SuppressWarnings("unchecked") // the keys are only passed along, never read, so their type does not matter
    public static PredictionStreams of(KStream<?, PredictionEvent> validated, KStream<?, LabeledPrediction> labeled,
                                       int partitions) {
        return new PredictionStreams((KStream<Object, PredictionEvent>) validated,
                (KStream<Object, LabeledPrediction>) labeled, partitions);
    }

    /** The two streams read from the validated and labelled topics. */
    public static PredictionStreams fromTopics(TopologyParts parts) {
        TopicCatalogue topics = parts.topics();
        return of(
                parts.builder().stream(topics.name(TopicCatalogue.VALIDATED_PREDICTIONS),
                        topics.consumed(TopicCatalogue.VALIDATED_PREDICTIONS).withName("read-validated")),
                parts.builder().stream(topics.name(TopicCatalogue.LABELED_PREDICTIONS),
                        topics.consumed(TopicCatalogue.LABELED_PREDICTIONS).withName("read-labeled")),
                parts.partitions(TopicCatalogue.VALIDATED_PREDICTIONS, TopicCatalogue.LABELED_PREDICTIONS));
    }
}
