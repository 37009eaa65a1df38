package io.driftwatch.benchmarks;

import io.driftwatch.alerting.AlertingTopology;
import io.driftwatch.ingest.IngestTopology;
import io.driftwatch.runtime.streams.PerRecordPipeline;
import io.driftwatch.runtime.streams.StreamsApp;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/** The benchmarks' input: seeded events written once to a topic set, and the offsets where they end. */
final class BenchmarkInput {

    private BenchmarkInput() {
    }

    /** Writes the input once, the standard three-model mix; every contender reads the same records. */
    static long preload(String bootstrap, TopicCatalogue topics, List<TopicSpec<String, ?>> inputs, long events,
                        double labelShare, long seed) {
        return preload(bootstrap, topics, inputs, events, labelShare, seed, 3);
    }

    /** @param models 3 for the standard mix, or how many models share the traffic (see {@link BenchmarkEvents}) */
    @SuppressWarnings("unchecked")
    static long preload(String bootstrap, TopicCatalogue topics, List<TopicSpec<String, ?>> inputs, long events,
                        double labelShare, long seed, int models) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // Predictions go to the first input; ground truth (or, for metrics, the labelled prediction) to the second.
        TopicSpec<String, PredictionEvent> predictionSpec = (TopicSpec<String, PredictionEvent>) inputs.get(0);
        Serializer<PredictionEvent> predictions = topics.valueSerde(predictionSpec).serializer();
        Serializer<GroundTruthEvent> truths = topics.valueSerde(TopicCatalogue.GROUND_TRUTH).serializer();
        Serializer<LabeledPrediction> labeled = topics.valueSerde(TopicCatalogue.LABELED_PREDICTIONS).serializer();
        boolean labelledInput = inputs.get(1) == TopicCatalogue.LABELED_PREDICTIONS;
        String predictionTopic = topics.name(predictionSpec);
        String truthTopic = topics.name(inputs.get(1));
        BenchmarkEvents generator = new BenchmarkEvents(seed, models);
        long start = Instant.now().minus(Duration.ofHours(2)).toEpochMilli();
        long step = Math.max(1, Duration.ofHours(1).toMillis() / events);
        long written = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (long n = 0; n < events; n++) {
                Instant time = Instant.ofEpochMilli(start + n * step);
                PredictionEvent prediction = generator.prediction(n, time);
                byte[] key = prediction.getPredictionId().getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(predictionTopic, null, time.toEpochMilli(), key,
                        predictions.serialize(predictionTopic, prediction)));
                written++;
                if (generator.labelled(labelShare)) {
                    Instant labelTime = time.plusSeconds(60 + n % 600);
                    GroundTruthEvent truth = generator.groundTruth(prediction, labelTime);
                    byte[] value = labelledInput
                            ? labeled.serialize(truthTopic, LabeledPrediction.newBuilder().setPrediction(prediction)
                                    .setGroundTruth(truth).setLabelDelayMs(labelTime.toEpochMilli() - time.toEpochMilli())
                                    .setCorrection(false).build())
                            : truths.serialize(truthTopic, truth);
                    producer.send(new ProducerRecord<>(truthTopic, null, labelTime.toEpochMilli(), key, value));
                    written++;
                }
                if ((n + 1) % Math.max(1, events / 10) == 0) {
                    System.out.printf("Pre-loaded %,d of %,d predictions%n", n + 1, events);
                }
            }
            producer.flush();
        }
        return written;
    }

    /** The end offsets of an application's inputs: raw events, validated and labelled predictions, or the analyses. */
    static Map<TopicPartition, Long> inputEnds(Admin admin, TopicCatalogue topics, StreamsApp app) {
        List<TopicSpec<String, ?>> inputs = switch (app.name()) {
            case IngestTopology.NAME, PerRecordPipeline.NAME -> List.of(TopicCatalogue.PREDICTIONS, TopicCatalogue.GROUND_TRUTH);
            case AlertingTopology.NAME -> List.of(TopicCatalogue.METRICS, TopicCatalogue.DRIFT_REPORTS);
            default -> List.of(TopicCatalogue.VALIDATED_PREDICTIONS, TopicCatalogue.LABELED_PREDICTIONS);
        };
        try {
            return endOffsets(admin, topics, inputs);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the end offsets of " + app.name() + "'s inputs", e);
        }
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin, TopicCatalogue topics,
                                                        List<TopicSpec<String, ?>> inputs) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String topic : inputs.stream().map(topics::name).toList()) {
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
        return end;
    }

    /** Reads the partitions from the beginning to these offsets (read_committed, bytes only) and counts the records. */
    static long readAll(String bootstrap, Map<TopicPartition, Long> endOffsets) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.copyOf(endOffsets.keySet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long records = 0;
            while (!partitions.stream().allMatch(tp -> consumer.position(tp) >= endOffsets.get(tp))) {
                records += consumer.poll(Duration.ofMillis(100)).count();
            }
            return records;
        }
    }
}
