package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.events.ConfusionCell;
import io.driftwatch.events.DriftReport;
import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Seeded predictions of two models over six one-minute windows, 80 % of them labelled 0–30 s
 * later, with feature {@code x} shifted from window 3 on; and the audit of what Driftwatch made of
 * them, reading committed records only: one final snapshot per window equal to an offline count,
 * one drift report per window, the shift reported, no dead letter, no hanging transaction. The
 * fault-injection tests (docs/reliability.md) run it through crashes and broker failures.
 */
final class AuditedTraffic {

    static final int PARTITIONS = 4;
    private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");
    private static final int WINDOWS = 6;
    /** From this window on, feature x of every model is shifted: the drift to report. */
    private static final int SHIFTED_FROM = 3;
    private static final String[] MODELS = {"hot", "cold"};
    /** Each label is published this many predictions after its own. */
    private static final int LABEL_LAG = 500;

    private final Map<String, Object> client;
    private final TopicCatalogue topics;
    private final List<PredictionEvent> predictions = new ArrayList<>();
    private final Map<String, GroundTruthEvent> labels = new HashMap<>();
    private final Map<String, Offline> expected = new TreeMap<>();
    private final AtomicReference<Throwable> producerFailure = new AtomicReference<>();

    /** What one model's window must report, counted directly from the events. */
    private static final class Offline {
        long predictions;
        long labels;
        final Map<String, Long> confusion = new TreeMap<>();
    }

    /** @param client the cluster's client properties (bootstrap servers, security) */
    AuditedTraffic(Map<String, Object> client, TopicCatalogue topics, Random random, int count) {
        this.client = Map.copyOf(client);
        this.topics = topics;
        for (int i = 0; i < count; i++) {
            String model = random.nextDouble() < 0.8 ? MODELS[0] : MODELS[1];
            long offset = (long) i * WINDOWS * 60_000 / count;
            long window = offset / 60_000;
            double score = random.nextDouble();
            String predicted = score >= 0.5 ? "1" : "0";
            PredictionEvent p = PredictionEvent.newBuilder().setPredictionId("p" + i).setModelId(model)
                    .setModelVersion("1").setEventTime(T0.plusMillis(offset))
                    .setNumericFeatures(Map.of("x", score + (window >= SHIFTED_FROM ? 5 : 0)))
                    .setCategoricalFeatures(Map.of()).setScore(score).setPredictedLabel(predicted).build();
            predictions.add(p);
            Offline counts = expected.computeIfAbsent(model + "/" + window, k -> new Offline());
            counts.predictions++;
            if (random.nextDouble() < 0.8) {
                String actual = random.nextDouble() < 0.3 + 0.4 * score ? "1" : "0";
                labels.put(p.getPredictionId(), GroundTruthEvent.newBuilder().setPredictionId(p.getPredictionId())
                        .setModelId(model).setEventTime(p.getEventTime().plusMillis(random.nextInt(30_000)))
                        .setActualLabel(actual).build());
                counts.labels++;
                counts.confusion.merge(actual + "/" + predicted, 1L, Long::sum);
            }
        }
    }

    int predictionCount() {
        return predictions.size();
    }

    int labelCount() {
        return labels.size();
    }

    /** Publishes the predictions at about {@code perSecond} in the background, labels lagging. */
    Thread startProducing(int perSecond) {
        Thread producer = new Thread(() -> {
            try (Producer out = new Producer()) {
                long started = System.nanoTime();
                for (int i = 0; i < predictions.size() + LABEL_LAG; i++) {
                    if (i < predictions.size()) {
                        out.prediction(predictions.get(i));
                    }
                    GroundTruthEvent label = labels.get("p" + (i - LABEL_LAG));
                    if (label != null) {
                        out.label(label);
                    }
                    long wait = started + (long) i * 1_000_000_000L / perSecond - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            } catch (Throwable t) {
                producerFailure.set(t);
            }
        }, "audited-traffic-producer");
        producer.start();
        return producer;
    }

    /**
     * After the producer thread ended: a labelled prediction of model {@code ticks} well past the
     * last window's end, grace and label horizon on every partition, so that every window closes
     * and turns final.
     */
    void finish(Thread producer) throws InterruptedException {
        producer.join();
        assertThat(producerFailure.get()).as("the producer").isNull();
        Instant later = T0.plus(Duration.ofMinutes(WINDOWS + 3));
        boolean[] covered = new boolean[PARTITIONS];
        int uncovered = PARTITIONS;
        try (Producer out = new Producer()) {
            for (int i = 0; uncovered > 0; i++) {
                String id = "tick" + i;
                int partition = Utils.toPositive(Utils.murmur2(id.getBytes())) % PARTITIONS;
                if (!covered[partition]) {
                    covered[partition] = true;
                    uncovered--;
                    out.prediction(PredictionEvent.newBuilder(predictions.get(0)).setPredictionId(id).setModelId("ticks")
                            .setEventTime(later).build());
                    out.label(GroundTruthEvent.newBuilder().setPredictionId(id).setModelId("ticks").setEventTime(later)
                            .setActualLabel("1").build());
                }
            }
        }
        assertThat(producerFailure.get()).as("the producer").isNull();
    }

    /**
     * One final snapshot per model and window (a second would be a duplicate), equal to the offline
     * count of predictions, labels and the confusion matrix.
     *
     * @param stillRunning checked while waiting, so that a dead processor fails fast with its log
     * @return how many final snapshots were checked
     */
    int assertFinalSnapshotsEqualOfflineCounts(Runnable stillRunning) {
        Map<String, MetricSnapshot> finals = onePerKey(TopicCatalogue.METRICS, "final snapshot",
                s -> s.getFinal$() && !s.getModelId().equals("ticks"), s -> key(s.getModelId(), s.getWindowStart()),
                expected.keySet(), stillRunning);
        assertThat(finals.keySet()).isEqualTo(expected.keySet());
        expected.forEach((key, offline) -> {
            MetricSnapshot snapshot = finals.get(key);
            assertThat(snapshot.getPredictionCount()).as(key).isEqualTo(offline.predictions);
            assertThat(snapshot.getLabeledCount()).as(key).isEqualTo(offline.labels);
            Map<String, Long> cells = new TreeMap<>();
            for (ConfusionCell cell : snapshot.getClassification().getConfusion()) {
                cells.put(cell.getActual() + "/" + cell.getPredicted(), cell.getCount());
            }
            assertThat(cells).as(key).isEqualTo(offline.confusion);
        });
        return finals.size();
    }

    /**
     * One drift report per model and window after the captured reference (window 0): the shifted
     * windows report dataset drift, the others do not.
     */
    void assertEachDriftReportedOnce(Runnable stillRunning) {
        List<String> wanted = new ArrayList<>();
        for (String model : MODELS) {
            for (int window = 1; window < WINDOWS; window++) {
                wanted.add(model + "/" + window);
            }
        }
        Map<String, DriftReport> reports = onePerKey(TopicCatalogue.DRIFT_REPORTS, "drift report",
                r -> !r.getModelId().equals("ticks"), r -> key(r.getModelId(), r.getWindowStart()), wanted, stillRunning);
        for (String key : wanted) {
            int window = Integer.parseInt(key.substring(key.indexOf('/') + 1));
            assertThat(reports.get(key).getDatasetDrift()).as(key).isEqualTo(window >= SHIFTED_FROM);
        }
    }

    /** Nothing dead-lettered, and on every output partition the committed end catches up with the log end. */
    void assertNoDeadLettersAndNoHangingTransactions() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.name(TopicCatalogue.VALIDATED_PREDICTIONS),
                topics.name(TopicCatalogue.LABELED_PREDICTIONS), topics.name(TopicCatalogue.METRICS),
                topics.name(TopicCatalogue.DEAD_LETTER))) {
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        try (KafkaConsumer<byte[], byte[]> committed = rawReader("read_committed");
             KafkaConsumer<byte[], byte[]> uncommitted = rawReader("read_uncommitted")) {
            List<TopicPartition> deadLetters = partitions.stream()
                    .filter(tp -> tp.topic().equals(topics.name(TopicCatalogue.DEAD_LETTER))).toList();
            assertThat(uncommitted.endOffsets(deadLetters).values()).as("dead letters").containsOnly(0L);
            await("read_committed and read_uncommitted end offsets agree").atMost(Duration.ofSeconds(60))
                    .until(() -> committed.endOffsets(partitions).equals(uncommitted.endOffsets(partitions)));
        }
    }

    /**
     * Reads a topic, committed records only, until a counted record arrived for each wanted key,
     * failing on a second one for any key; then reads on until the topic is quiet, since a
     * duplicate would come after the first ones, and fails on any counted record there.
     */
    private <V> Map<String, V> onePerKey(TopicSpec<String, V> topic, String what, Predicate<V> counted,
                                         Function<V, String> keyOf, Collection<String> wanted, Runnable stillRunning) {
        Map<String, V> found = new HashMap<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(reader("read_committed"), new StringDeserializer(),
                topics.valueSerde(topic).deserializer())) {
            consumer.subscribe(List.of(topics.name(topic)));
            await("a " + what + " for every window").atMost(Duration.ofMinutes(3)).until(() -> {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(500))) {
                    if (counted.test(record.value())) {
                        String key = keyOf.apply(record.value());
                        assertThat(found.put(key, record.value())).as("one " + what + " per window: " + key).isNull();
                    }
                }
                stillRunning.run();
                return found.keySet().containsAll(wanted);
            });
            consumer.poll(Duration.ofSeconds(3)).forEach(record -> assertThat(counted.test(record.value()))
                    .as("a late duplicate " + what).isFalse());
        }
        return found;
    }

    private static String key(String model, Instant windowStart) {
        return model + "/" + (windowStart.toEpochMilli() - T0.toEpochMilli()) / 60_000;
    }

    private KafkaConsumer<byte[], byte[]> rawReader(String isolation) {
        return new KafkaConsumer<>(reader(isolation), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private Map<String, Object> reader(String isolation) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "audit-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        return props;
    }

    /** Predictions and labels keyed by prediction id, as a serving app publishes them. */
    private final class Producer implements AutoCloseable {
        private final String predictionTopic = topics.name(TopicCatalogue.PREDICTIONS);
        private final String labelTopic = topics.name(TopicCatalogue.GROUND_TRUTH);
        private final Serializer<PredictionEvent> predictionSerializer = topics.valueSerde(TopicCatalogue.PREDICTIONS).serializer();
        private final Serializer<GroundTruthEvent> labelSerializer = topics.valueSerde(TopicCatalogue.GROUND_TRUTH).serializer();
        private final KafkaProducer<String, byte[]> producer;

        Producer() {
            Map<String, Object> props = new HashMap<>(client);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }

        void prediction(PredictionEvent p) {
            producer.send(new ProducerRecord<>(predictionTopic, p.getPredictionId(),
                    predictionSerializer.serialize(predictionTopic, p)), this::failOnError);
        }

        void label(GroundTruthEvent g) {
            producer.send(new ProducerRecord<>(labelTopic, g.getPredictionId(), labelSerializer.serialize(labelTopic, g)),
                    this::failOnError);
        }

        private void failOnError(Object metadata, Exception error) {
            if (error != null) {
                producerFailure.compareAndSet(null, error);
            }
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}
