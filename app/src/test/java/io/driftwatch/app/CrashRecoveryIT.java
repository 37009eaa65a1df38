package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.events.ConfusionCell;
import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once under instance crashes, the short version that runs in every build (issue:
 * reliability; docs/reliability.md): {@code driftwatch run --only ingest,metrics} in a child JVM
 * is killed with SIGKILL three times, at seeded moments, while 12 000 predictions and their labels
 * stream in, and restarted each time on the same configuration and state directory. Afterwards,
 * reading committed records only: each window has exactly one final snapshot, whose counts and
 * confusion matrix equal an offline recomputation of the same events (so no prediction or label
 * was lost or counted twice), nothing was dead-lettered, and no transaction is left hanging on any
 * output partition.
 */
class CrashRecoveryIT {

    @RegisterExtension
    static final KafkaTestCluster kafka = new KafkaTestCluster();

    private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");
    private static final int PREDICTIONS = 12_000;
    private static final int WINDOWS = 6;
    private static final int PARTITIONS = 4;
    private static final int KILLS = 3;
    private static final String[] MODELS = {"hot", "cold"};
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    @Test
    void killedThreeTimesMidStreamEveryFinalSnapshotShouldStillCountEachEventOnce() throws Exception {
        TrustedAvroPackages.trustEvents();
        String prefix = "crash" + UUID.randomUUID().toString().substring(0, 6);
        Path dir = KafkaTestCluster.tempDir("crash");
        int httpPort = freePort();
        Path config = dir.resolve("driftwatch.yaml");
        Files.writeString(config, String.join("\n",
                // A dead member leaves the group after 6 s (the broker's minimum) instead of 45 s.
                "kafka: {bootstrap.servers: \"" + kafka.bootstrapServers() + "\", session.timeout.ms: 6000, "
                        + "heartbeat.interval.ms: 1500}",
                "schema-registry: {url: \"" + kafka.registryUrl() + "\"}",
                "topics: {prefix: \"" + prefix + ".\", partitions: " + PARTITIONS + "}",
                "processing: {application-id-prefix: " + prefix + ", state-dir: \"" + dir.resolve("state") + "\", "
                        + "commit-interval: 100ms}",
                "http: {port: " + httpPort + "}",
                "metrics: {window: 1m, grace: 30s, label-horizon: 1m, flush-interval: 500ms}", ""));
        TopicCatalogue topics = kafka.catalogue(DriftwatchConfig.load(config, Map.of()));
        kafka.createTopics(DriftwatchConfig.load(config, Map.of()));

        Traffic traffic = Traffic.seeded(new Random(20261125));
        Random chaos = new Random(7);
        try (DriftwatchProcess driftwatch = new DriftwatchProcess(config, httpPort, dir.resolve("driftwatch.log"),
                "--only", "ingest,metrics")) {
            driftwatch.start(START_TIMEOUT);
            AtomicReference<Throwable> producerFailure = new AtomicReference<>();
            Thread producer = new Thread(() -> {
                try {
                    traffic.produce(topics, 200);
                } catch (Throwable t) {
                    producerFailure.set(t);
                }
            }, "crash-it-producer");
            producer.start();
            for (int kill = 1; kill <= KILLS; kill++) {
                Thread.sleep(4_000 + chaos.nextInt(6_000));
                driftwatch.kill();
                driftwatch.start(START_TIMEOUT);
            }
            producer.join();
            assertThat(producerFailure.get()).isNull();
            traffic.produceTicks(topics);

            Map<String, MetricSnapshot> finals = awaitFinals(topics, traffic.expected.size(), driftwatch);
            assertThat(finals.keySet()).isEqualTo(traffic.expected.keySet());
            traffic.expected.forEach((key, offline) -> {
                MetricSnapshot snapshot = finals.get(key);
                assertThat(snapshot.getPredictionCount()).as(key).isEqualTo(offline.predictions);
                assertThat(snapshot.getLabeledCount()).as(key).isEqualTo(offline.labels);
                Map<String, Long> cells = new TreeMap<>();
                for (ConfusionCell cell : snapshot.getClassification().getConfusion()) {
                    cells.put(cell.getActual() + "/" + cell.getPredicted(), cell.getCount());
                }
                assertThat(cells).as(key).isEqualTo(offline.confusion);
            });
            assertThat(kafka.readAll(topics.name(TopicCatalogue.DEAD_LETTER), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())).as("dead letters").isEmpty();
            assertNoHangingTransactions(topics);
            assertThat(driftwatch.alive()).as(driftwatch.logTail()).isTrue();
        }
    }

    /** One final snapshot per model and window (a second would be a duplicate), read committed. */
    private static Map<String, MetricSnapshot> awaitFinals(TopicCatalogue topics, int count, DriftwatchProcess driftwatch) {
        Map<String, MetricSnapshot> finals = new HashMap<>();
        try (KafkaConsumer<String, MetricSnapshot> consumer = new KafkaConsumer<>(readerProperties("read_committed"),
                new StringDeserializer(), topics.valueSerde(TopicCatalogue.METRICS).deserializer())) {
            consumer.subscribe(List.of(topics.name(TopicCatalogue.METRICS)));
            await("the final snapshots").atMost(Duration.ofMinutes(3)).until(() -> {
                for (ConsumerRecord<String, MetricSnapshot> record : consumer.poll(Duration.ofMillis(500))) {
                    MetricSnapshot s = record.value();
                    if (s.getFinal$() && !s.getModelId().equals("ticks")) {
                        String key = s.getModelId() + "/" + (s.getWindowStart().toEpochMilli() - T0.toEpochMilli()) / 60_000;
                        assertThat(finals.put(key, s)).as("one final snapshot per window: " + key).isNull();
                    }
                }
                assertThat(driftwatch.alive()).as(driftwatch.logTail()).isTrue();
                return finals.size() >= count;
            });
            // A duplicate final would come after the first ones: read on until the topic is quiet.
            consumer.poll(Duration.ofSeconds(3)).forEach(record -> assertThat(record.value().getFinal$()
                    && !record.value().getModelId().equals("ticks")).as("a late duplicate final").isFalse());
        }
        return finals;
    }

    /** On every output partition the committed end (LSO) catches up with the log end: no transaction hangs. */
    private static void assertNoHangingTransactions(TopicCatalogue topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.name(TopicCatalogue.VALIDATED_PREDICTIONS),
                topics.name(TopicCatalogue.LABELED_PREDICTIONS), topics.name(TopicCatalogue.METRICS))) {
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        try (KafkaConsumer<byte[], byte[]> committed = rawReader("read_committed");
             KafkaConsumer<byte[], byte[]> uncommitted = rawReader("read_uncommitted")) {
            await("read_committed and read_uncommitted end offsets agree").atMost(Duration.ofSeconds(60))
                    .until(() -> committed.endOffsets(partitions).equals(uncommitted.endOffsets(partitions)));
        }
    }

    private static KafkaConsumer<byte[], byte[]> rawReader(String isolation) {
        return new KafkaConsumer<>(readerProperties(isolation), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Map<String, Object> readerProperties(String isolation) {
        Map<String, Object> props = new HashMap<>(kafka.adminProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "crash-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        return props;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** What one model's window must report, counted directly from the events. */
    private static final class Offline {
        long predictions;
        long labels;
        final Map<String, Long> confusion = new TreeMap<>();
    }

    /** The seeded predictions and labels (80 % labelled, 0–30 s later), and the counts they must produce. */
    private record Traffic(List<PredictionEvent> predictions, Map<String, GroundTruthEvent> labels,
                          Map<String, Offline> expected) {

        static Traffic seeded(Random random) {
            List<PredictionEvent> predictions = new ArrayList<>();
            Map<String, GroundTruthEvent> labels = new HashMap<>();
            Map<String, Offline> expected = new TreeMap<>();
            for (int i = 0; i < PREDICTIONS; i++) {
                String model = random.nextDouble() < 0.8 ? MODELS[0] : MODELS[1];
                long offset = (long) i * WINDOWS * 60_000 / PREDICTIONS;
                double score = random.nextDouble();
                String predicted = score >= 0.5 ? "1" : "0";
                PredictionEvent p = PredictionEvent.newBuilder().setPredictionId("p" + i).setModelId(model)
                        .setModelVersion("1").setEventTime(T0.plusMillis(offset)).setNumericFeatures(Map.of("x", score))
                        .setCategoricalFeatures(Map.of()).setScore(score).setPredictedLabel(predicted).build();
                predictions.add(p);
                Offline window = expected.computeIfAbsent(model + "/" + offset / 60_000, k -> new Offline());
                window.predictions++;
                if (random.nextDouble() < 0.8) {
                    String actual = random.nextDouble() < 0.3 + 0.4 * score ? "1" : "0";
                    labels.put(p.getPredictionId(), GroundTruthEvent.newBuilder().setPredictionId(p.getPredictionId())
                            .setModelId(model).setEventTime(p.getEventTime().plusMillis(random.nextInt(30_000)))
                            .setActualLabel(actual).build());
                    window.labels++;
                    window.confusion.merge(actual + "/" + predicted, 1L, Long::sum);
                }
            }
            return new Traffic(predictions, labels, expected);
        }

        /** The predictions at about {@code perSecond}, each label 500 predictions after its own. */
        void produce(TopicCatalogue topics, int perSecond) throws InterruptedException {
            try (Producer out = new Producer(topics)) {
                long started = System.nanoTime();
                for (int i = 0; i < predictions.size() + 500; i++) {
                    if (i < predictions.size()) {
                        out.prediction(predictions.get(i));
                    }
                    if (i >= 500 && labels.containsKey("p" + (i - 500))) {
                        out.label(labels.get("p" + (i - 500)));
                    }
                    long due = started + (long) i * 1_000_000_000L / perSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            }
        }

        /**
         * A labelled prediction of model {@code ticks} well past the last window's end, grace and
         * label horizon on every partition, so that every window closes and turns final.
         */
        void produceTicks(TopicCatalogue topics) {
            Instant later = T0.plus(Duration.ofMinutes(WINDOWS + 3));
            boolean[] covered = new boolean[PARTITIONS];
            try (Producer out = new Producer(topics)) {
                for (int i = 0; !allTrue(covered); i++) {
                    String id = "tick" + i;
                    int partition = Utils.toPositive(Utils.murmur2(id.getBytes())) % PARTITIONS;
                    if (covered[partition]) {
                        continue;
                    }
                    covered[partition] = true;
                    out.prediction(PredictionEvent.newBuilder(predictions.get(0)).setPredictionId(id).setModelId("ticks")
                            .setEventTime(later).build());
                    out.label(GroundTruthEvent.newBuilder().setPredictionId(id).setModelId("ticks").setEventTime(later)
                            .setActualLabel("1").build());
                }
            }
        }

        private static boolean allTrue(boolean[] flags) {
            for (boolean flag : flags) {
                if (!flag) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Predictions and labels keyed by prediction id, as a serving app publishes them. */
    private static final class Producer implements AutoCloseable {
        private final String predictionTopic;
        private final String labelTopic;
        private final Serializer<PredictionEvent> predictions;
        private final Serializer<GroundTruthEvent> labels;
        private final KafkaProducer<String, byte[]> producer;

        Producer(TopicCatalogue topics) {
            predictionTopic = topics.name(TopicCatalogue.PREDICTIONS);
            labelTopic = topics.name(TopicCatalogue.GROUND_TRUTH);
            predictions = topics.valueSerde(TopicCatalogue.PREDICTIONS).serializer();
            labels = topics.valueSerde(TopicCatalogue.GROUND_TRUTH).serializer();
            Map<String, Object> props = new HashMap<>(kafka.adminProperties());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }

        void prediction(PredictionEvent p) {
            producer.send(new ProducerRecord<>(predictionTopic, p.getPredictionId(), predictions.serialize(predictionTopic, p)));
        }

        void label(GroundTruthEvent g) {
            producer.send(new ProducerRecord<>(labelTopic, g.getPredictionId(), labels.serialize(labelTopic, g)));
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}
