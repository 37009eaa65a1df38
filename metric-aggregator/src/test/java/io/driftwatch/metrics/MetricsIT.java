package io.driftwatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.events.ConfusionCell;
import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.http.HttpEndpoints;
import io.driftwatch.runtime.streams.StreamsRunner;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The metric aggregator on a real KRaft broker, exactly-once, 4 partitions: 200 000 labelled
 * predictions of 3 models (one with 80 % of the traffic) over 10 windows; every final snapshot
 * equals an offline recomputation of the same events — exactly for counts, the confusion matrix,
 * accuracy, log loss and KPIs, within the sketch's rank error for the score quantiles — and the
 * same snapshots come back through the interactive queries over HTTP, from either of two
 * instances (each answers for its own tasks and asks the other).
 */
class MetricsIT {

    @RegisterExtension
    static final KafkaTestCluster kafka = new KafkaTestCluster();

    private static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");
    private static final int PREDICTIONS = 200_000;
    private static final int WINDOWS = 10;
    private static final String[] MODELS = {"hot", "warm", "cold"};

    @Test
    void everyFinalSnapshotShouldEqualAnOfflineRecomputationAndBeQueryableOverHttp() throws Exception {
        TrustedAvroPackages.trustEvents();
        DriftwatchConfig config = KafkaTestCluster.withFreeHttpPort(kafka.config(Map.of(), Map.of(
                "models", List.of(Map.of("model", "*", "label-horizon", "1m")),
                "metrics", Map.of("window", "1m", "grace", "30s", "flush-interval", "500ms")), 4));
        kafka.createTopics(config);
        TopicCatalogue topics = kafka.catalogue(config);

        Random random = new Random(20261123);
        List<PredictionEvent> predictions = new ArrayList<>();
        List<LabeledPrediction> labels = new ArrayList<>();
        Map<String, Offline> expected = new TreeMap<>();
        for (int i = 0; i < PREDICTIONS; i++) {
            double u = random.nextDouble();
            String model = u < 0.8 ? "hot" : u < 0.95 ? "warm" : "cold";
            long offset = (long) i * WINDOWS * 60_000 / PREDICTIONS;
            double score = random.nextDouble();
            String actual = random.nextDouble() < 0.3 + 0.4 * score ? "1" : "0";
            PredictionEvent p = PredictionEvent.newBuilder().setPredictionId("p" + i).setModelId(model).setModelVersion("1")
                    .setEventTime(T0.plusMillis(offset)).setNumericFeatures(Map.of("x", score))
                    .setCategoricalFeatures(Map.of()).setScore(score).setPredictedLabel(score >= 0.5 ? "1" : "0")
                    .setServingLatencyMs(5 + 20 * random.nextDouble()).build();
            long delay = random.nextInt(30_000);
            GroundTruthEvent truth = GroundTruthEvent.newBuilder().setPredictionId(p.getPredictionId()).setModelId(model)
                    .setEventTime(T0.plusMillis(offset + delay)).setActualLabel(actual)
                    .setOutcomes(Map.of("revenue", actual.equals("1") ? 10.0 : 0.0)).build();
            predictions.add(p);
            labels.add(LabeledPrediction.newBuilder().setPrediction(p).setGroundTruth(truth).setLabelDelayMs(delay)
                    .setCorrection(false).build());
            expected.computeIfAbsent(model + "/" + offset / 60_000, k -> new Offline()).add(score, actual,
                    p.getPredictedLabel());
        }

        try (StreamsRunner runner = new StreamsRunner(config, topics, new SimpleMeterRegistry())) {
            runner.start(List.of(new MetricsTopology()));
            produce(topics, predictions, labels);
            // Every partition's clocks move past the last window's end, its grace and its label horizon.
            List<PredictionEvent> ticks = new ArrayList<>();
            List<LabeledPrediction> labelTicks = new ArrayList<>();
            for (int partition = 0; partition < 4; partition++) {
                PredictionEvent tick = PredictionEvent.newBuilder(predictions.get(0)).setPredictionId("tick" + partition)
                        .setModelId("ticks").setEventTime(T0.plus(Duration.ofMinutes(WINDOWS + 3))).build();
                ticks.add(tick);
                labelTicks.add(LabeledPrediction.newBuilder(labels.get(0)).setPrediction(tick)
                        .setGroundTruth(GroundTruthEvent.newBuilder(labels.get(0).getGroundTruth())
                                .setPredictionId(tick.getPredictionId()).setModelId("ticks")
                                .setEventTime(T0.plus(Duration.ofMinutes(WINDOWS + 3))).build()).build());
            }
            produceToEachPartition(topics, ticks, labelTicks);

            Map<String, MetricSnapshot> finals = awaitFinals(topics, expected.size());
            assertThat(finals.keySet()).isEqualTo(expected.keySet());
            expected.forEach((key, offline) -> {
                MetricSnapshot s = finals.get(key);
                assertThat(s.getPredictionCount()).as(key).isEqualTo(offline.count);
                assertThat(s.getLabeledCount()).as(key).isEqualTo(offline.count);
                assertThat(s.getLateRecordCount()).as(key).isZero();
                Map<String, Long> cells = new TreeMap<>();
                for (ConfusionCell c : s.getClassification().getConfusion()) {
                    cells.put(c.getActual() + "/" + c.getPredicted(), c.getCount());
                }
                assertThat(cells).as(key).isEqualTo(offline.confusion);
                assertThat(s.getClassification().getAccuracy()).as(key)
                        .isCloseTo((double) offline.correct() / offline.count, within(1e-12));
                assertThat(s.getClassification().getLogLoss()).as(key)
                        .isCloseTo(offline.logLoss / offline.count, within(1e-9));
                assertThat(s.getBusinessKpis().get("revenue").getSum()).as(key).isEqualTo(offline.revenue);
                // KLL k = 200: the reported median's rank lies within the sketch's rank error (about 1.3 %, 99 %: 1.65 %).
                assertThat(offline.rank(s.getScoreQuantiles().get("p50"))).as(key).isCloseTo(0.5, within(0.0165));
            });

            // The same snapshots through the interactive queries over HTTP, from either of two instances.
            DriftwatchConfig second = KafkaTestCluster.withFreeHttpPort(KafkaTestCluster.withFreshStateDir(config));
            try (HttpEndpoints http = endpoints(config, runner);
                 StreamsRunner secondRunner = started(second, topics);
                 HttpEndpoints secondHttp = endpoints(second, secondRunner)) {
                for (HttpEndpoints instance : List.of(secondHttp, http)) {
                    await("every model through port " + instance.port()).atMost(Duration.ofSeconds(90))
                            .ignoreExceptions().untilAsserted(() -> assertThat(get(instance, "/api/models", 200)
                                    .path("models").findValuesAsText("model")).contains("hot", "warm", "cold"));
                }
                JsonNode hot = get(secondHttp, "/api/models/hot/metrics?limit=3", 200);
                assertThat(hot.path("snapshots")).hasSize(3);
                JsonNode last = hot.path("snapshots").get(2);
                assertThat(last.path("model_id").asText()).isEqualTo("hot");
                assertThat(last.path("window_start").asText()).isEqualTo(T0.plus(Duration.ofMinutes(WINDOWS - 1)).toString());
                assertThat(last.path("prediction_count").asLong()).isEqualTo(finals.get("hot/" + (WINDOWS - 1)).getPredictionCount());
                assertThat(get(http, "/api/models/nope/metrics", 404).path("error").asText()).contains("nope");
            }
        }
    }

    private static StreamsRunner started(DriftwatchConfig config, TopicCatalogue topics) {
        StreamsRunner runner = new StreamsRunner(config, topics, new SimpleMeterRegistry());
        runner.start(List.of(new MetricsTopology()));
        return runner;
    }

    /** The HTTP endpoints of one instance, on the port its config advertises to the others. */
    private static HttpEndpoints endpoints(DriftwatchConfig config, StreamsRunner runner) {
        HttpEndpoints http = new HttpEndpoints("127.0.0.1", config.http().port(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), runner::health);
        new MetricsQueries(runner.streams(MetricsTopology.NAME), http, "127.0.0.1:" + config.http().port()).register();
        return http;
    }


    private static JsonNode get(HttpEndpoints http, String path, int status) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + http.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(status);
        return new ObjectMapper().readTree(response.body());
    }

    /** What the snapshot of one model's window must say, computed directly from the events. */
    private static final class Offline {
        long count;
        final Map<String, Long> confusion = new TreeMap<>();
        double logLoss;
        double revenue;
        final List<Double> scores = new ArrayList<>();

        void add(double score, String actual, String predicted) {
            count++;
            confusion.merge(actual + "/" + predicted, 1L, Long::sum);
            double p = actual.equals("1") ? score : 1 - score;
            logLoss += -Math.log(Math.min(1 - 1e-15, Math.max(1e-15, p)));
            revenue += actual.equals("1") ? 10.0 : 0.0;
            scores.add(score);
        }

        long correct() {
            return confusion.getOrDefault("0/0", 0L) + confusion.getOrDefault("1/1", 0L);
        }

        double rank(double value) {
            double[] sorted = scores.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int below = Arrays.binarySearch(sorted, value);
            return (below >= 0 ? below : -below - 1) / (double) sorted.length;
        }
    }

    private static Map<String, MetricSnapshot> awaitFinals(TopicCatalogue topics, int count) {
        Map<String, MetricSnapshot> finals = new ConcurrentHashMap<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "metrics-it-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, MetricSnapshot> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                topics.valueSerde(TopicCatalogue.METRICS).deserializer())) {
            consumer.subscribe(List.of(topics.name(TopicCatalogue.METRICS)));
            await("final snapshots").atMost(Duration.ofMinutes(4)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    MetricSnapshot s = r.value();
                    if (s.getFinal$() && !s.getModelId().equals("ticks")) {
                        String key = s.getModelId() + "/" + (s.getWindowStart().toEpochMilli() - T0.toEpochMilli()) / 60_000;
                        assertThat(finals.put(key, s)).as("one final snapshot per window: " + key).isNull();
                    }
                });
                return finals.size() >= count;
            });
        }
        return finals;
    }

    private static void produce(TopicCatalogue topics, List<PredictionEvent> predictions, List<LabeledPrediction> labels) {
        Serializer<PredictionEvent> p = topics.valueSerde(TopicCatalogue.VALIDATED_PREDICTIONS).serializer();
        Serializer<LabeledPrediction> l = topics.valueSerde(TopicCatalogue.LABELED_PREDICTIONS).serializer();
        String validated = topics.name(TopicCatalogue.VALIDATED_PREDICTIONS);
        String labeled = topics.name(TopicCatalogue.LABELED_PREDICTIONS);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < predictions.size(); i++) {
                producer.send(new ProducerRecord<>(validated, predictions.get(i).getPredictionId(),
                        p.serialize(validated, predictions.get(i))));
                producer.send(new ProducerRecord<>(labeled, labels.get(i).getPrediction().getPredictionId(),
                        l.serialize(labeled, labels.get(i))));
            }
            producer.flush();
        }
    }

    private static void produceToEachPartition(TopicCatalogue topics, List<PredictionEvent> ticks,
                                               List<LabeledPrediction> labelTicks) {
        Serializer<PredictionEvent> p = topics.valueSerde(TopicCatalogue.VALIDATED_PREDICTIONS).serializer();
        Serializer<LabeledPrediction> l = topics.valueSerde(TopicCatalogue.LABELED_PREDICTIONS).serializer();
        String validated = topics.name(TopicCatalogue.VALIDATED_PREDICTIONS);
        String labeled = topics.name(TopicCatalogue.LABELED_PREDICTIONS);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int partition = 0; partition < ticks.size(); partition++) {
                producer.send(new ProducerRecord<>(validated, partition, "tick", p.serialize(validated, ticks.get(partition))));
                producer.send(new ProducerRecord<>(labeled, partition, "tick", l.serialize(labeled, labelTicks.get(partition))));
            }
            producer.flush();
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }
}
