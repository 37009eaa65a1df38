package io.driftwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.deadletter.DeadLetterHeaders;
import io.driftwatch.runtime.streams.Health;
import io.driftwatch.runtime.streams.StreamsRunner;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ingest on a real KRaft broker and the embedded registry over HTTP, exactly-once. */
class IngestIT {

    @RegisterExtension
    static final KafkaTestCluster kafka = new KafkaTestCluster();

    private static final Map<String, Object> INGEST = Map.of(
            "models", List.of(Map.of("model", "*", "label-horizon", "2h")),
            "ingest", Map.of("early-label-grace", "1h", "expiry-scan-interval", "1s"));

    @Test
    void shouldCountEveryInjectedFaultExactlyOn100kPredictions() {
        DriftwatchConfig config = kafka.config(Map.of(), INGEST);
        kafka.createTopics(config);
        TopicCatalogue topics = kafka.catalogue(config);
        IngestScenario scenario = new IngestScenario(100_000, 20261122L, Instant.now(),
                serializer(topics, TopicCatalogue.PREDICTIONS), serializer(topics, TopicCatalogue.GROUND_TRUTH));
        IngestScenario.Expected expected = scenario.expected();
        MeterRegistry meters = new SimpleMeterRegistry();

        try (StreamsRunner runner = new StreamsRunner(config, topics, meters)) {
            runner.start(List.of(new IngestTopology()));
            produce(topics, scenario.arrivals);

            await("ingest to settle").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(sum(meters, "driftwatch.ingest.expired.predictions")).isEqualTo(expected.expired());
                assertThat(sum(meters, "driftwatch.ingest.unmatched.labels"))
                        .isEqualTo(expected.deadLettersByReason().get(LabelJoinProcessor.UNMATCHED).longValue());
                assertThat(sum(meters, "driftwatch.ingest.records.out")).isEqualTo(expected.validated() + expected.labeled());
            });

            List<ConsumerRecord<String, byte[]>> validated = readAll(topics, TopicCatalogue.VALIDATED_PREDICTIONS);
            List<ConsumerRecord<String, byte[]>> labeled = readAll(topics, TopicCatalogue.LABELED_PREDICTIONS);
            List<ConsumerRecord<byte[], byte[]>> deadLetters = kafka.readAll(topics.name(TopicCatalogue.DEAD_LETTER),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());

            assertThat(validated).hasSize(expected.validated());
            assertThat(distinctKeys(validated)).as("no prediction validated twice").isEqualTo(expected.validated());
            assertThat(labeled).hasSize(expected.labeled());
            assertThat(distinctKeys(labeled)).as("no prediction labelled twice").isEqualTo(expected.labeled());
            Map<String, Integer> byReason = deadLetters.stream().collect(Collectors.groupingBy(
                    r -> DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.REASON), TreeMap::new,
                    Collectors.summingInt(r -> 1)));
            assertThat(byReason).isEqualTo(new TreeMap<>(expected.deadLettersByReason()));

            assertThat(sum(meters, "driftwatch.ingest.records.in")).isEqualTo(
                    expected.predictionRecords() + expected.groundTruthRecords());
            assertThat(count(meters, "driftwatch.ingest.duplicates", "stream", "prediction"))
                    .isEqualTo(expected.duplicatePredictions());
            assertThat(count(meters, "driftwatch.ingest.duplicates", "stream", "ground-truth"))
                    .isEqualTo(expected.duplicateLabels());
            assertThat(count(meters, "driftwatch.ingest.rekeyed", "stream", "prediction")).isEqualTo(expected.rekeyed());
            assertThat(sum(meters, "driftwatch.ingest.quality.issues")).isEqualTo(expected.flagged());
            assertThat(sum(meters, "driftwatch.ingest.late.labels")).isZero();
            assertThat(runner.health().status()).isEqualTo(Health.Status.UP);
        }
    }

    @Test
    void shouldJoinAcrossARestartWithStateRestoredFromTheChangelog() {
        DriftwatchConfig config = kafka.config(Map.of(), INGEST);
        kafka.createTopics(config);
        TopicCatalogue topics = kafka.catalogue(config);
        Instant time = Instant.now().minus(Duration.ofHours(1));
        Serializer<PredictionEvent> predictions = topics.valueSerde(TopicCatalogue.PREDICTIONS).serializer();
        Serializer<GroundTruthEvent> truths = topics.valueSerde(TopicCatalogue.GROUND_TRUTH).serializer();

        MeterRegistry meters = new SimpleMeterRegistry();
        try (StreamsRunner first = new StreamsRunner(config, topics, meters)) {
            first.start(List.of(new IngestTopology()));
            kafka.produce(topics.name(TopicCatalogue.PREDICTIONS), new StringSerializer(), predictions,
                    events(50, time, (id, t) -> IngestEvents.prediction(id).setEventTime(t).build()));
            kafka.awaitRecords(topics.name(TopicCatalogue.VALIDATED_PREDICTIONS), new StringDeserializer(),
                    new ByteArrayDeserializer(), 50);
        }

        // A new instance with an empty state directory: the join state must come back from the changelog.
        try (StreamsRunner second = new StreamsRunner(KafkaTestCluster.withFreshStateDir(config), topics,
                new SimpleMeterRegistry())) {
            second.start(List.of(new IngestTopology()));
            kafka.produce(topics.name(TopicCatalogue.GROUND_TRUTH), new StringSerializer(), truths, events(50, time.plusSeconds(60), (id, t) -> IngestEvents.groundTruth(id, t).build()));
            List<ConsumerRecord<String, LabeledPrediction>> labeled = kafka.awaitRecords(
                    topics.name(TopicCatalogue.LABELED_PREDICTIONS), new StringDeserializer(),
                    topics.valueSerde(TopicCatalogue.LABELED_PREDICTIONS).deserializer(), 50);
            assertThat(labeled).extracting(r -> r.value().getLabelDelayMs()).containsOnly(60_000L);
            assertThat(labeled.stream().map(ConsumerRecord::key).collect(Collectors.toSet())).hasSize(50);
        }
    }

    private static <V> Map<String, V> events(int n, Instant time, BiFunction<String, Instant, V> event) {
        Map<String, V> events = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            events.put("restart-" + i, event.apply("restart-" + i, time.plusMillis(i)));
        }
        return events;
    }

    private static <V extends SpecificRecord> BiFunction<String, V, byte[]>
            serializer(TopicCatalogue topics, TopicSpec<String, V> topic) {
        Serializer<V> serializer = topics.valueSerde(topic).serializer();
        String name = topics.name(topic);
        return (id, event) -> serializer.serialize(name, event);
    }

    private static void produce(TopicCatalogue topics, List<IngestScenario.Arrival> arrivals) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        String predictions = topics.name(TopicCatalogue.PREDICTIONS);
        String groundTruth = topics.name(TopicCatalogue.GROUND_TRUTH);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (IngestScenario.Arrival a : arrivals) {
                producer.send(new ProducerRecord<>(a.isPrediction() ? predictions : groundTruth, null, a.timestamp(),
                        a.key(), a.value()));
            }
            producer.flush();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(TopicCatalogue topics,
                                                                TopicSpec<?, ?> topic) {
        return kafka.readAll(topics.name(topic), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static int distinctKeys(List<ConsumerRecord<String, byte[]>> records) {
        Set<String> keys = new HashSet<>();
        records.forEach(r -> keys.add(r.key()));
        return keys.size();
    }

    private static long sum(MeterRegistry meters, String name) {
        return (long) meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static long count(MeterRegistry meters, String name, String... tags) {
        return (long) meters.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }
}
