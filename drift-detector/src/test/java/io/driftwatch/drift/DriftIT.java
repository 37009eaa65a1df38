package io.driftwatch.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.drift.concept.ModelDetectors;
import io.driftwatch.drift.config.DriftSettings;
import io.driftwatch.events.DriftReport;
import io.driftwatch.events.FeatureDrift;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.streams.Health;
import io.driftwatch.runtime.streams.StreamsRunner;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The drift detector on a real KRaft broker, 4 partitions, exactly-once, with a restart on an
 * empty state directory half-way: the shifted features are named exactly, and the detectors end
 * where one uninterrupted run over the same errors ends.
 */
class DriftIT {

    @RegisterExtension
    static final KafkaTestCluster kafka = new KafkaTestCluster();

    private static final Map<String, Object> DRIFT = Map.of("drift", Map.of(
            "window", "1m", "grace", "30s", "flush-interval", "500ms"));

    @Test
    void shouldNameTheShiftedFeaturesAndResumeTheDetectorsExactlyAcrossARestart() {
        DriftwatchConfig config = kafka.config(Map.of(), DRIFT, 4);
        kafka.createTopics(config);
        TopicCatalogue topics = kafka.catalogue(config);
        // 5 000 predictions a window: at 2 000, sketched Wasserstein distances of unshifted features reach
        // the 0.1 σ threshold now and then (docs/drift.md, "Open questions").
        DriftScenario scenario = new DriftScenario(21, 8, 5_000, 4, 4);
        kafka.produce(topics.name(TopicCatalogue.REFERENCE_PROFILES), new StringSerializer(),
                topics.valueSerde(TopicCatalogue.REFERENCE_PROFILES).serializer(),
                Map.of(DriftScenario.MODEL + "/" + DriftScenario.VERSION, DriftScenario.reference(5)));

        try (StreamsRunner first = new StreamsRunner(config, topics, new SimpleMeterRegistry())) {
            first.start(List.of(new DriftTopology()));
            produce(topics, scenario.predictions.subList(0, 20_000), scenario.labeled.subList(0, 20_000));
            // The clock is at 3:59.99, past the end plus grace of windows 0-2.
            awaitReports(topics, 3);
        }
        try (StreamsRunner second = new StreamsRunner(KafkaTestCluster.withFreshStateDir(config), topics,
                new SimpleMeterRegistry())) {
            second.start(List.of(new DriftTopology()));
            produce(topics, scenario.predictions.subList(20_000, 40_000), scenario.labeled.subList(20_000, 40_000));
            produce(topics, List.of(DriftScenario.tick(10)), List.of(DriftScenario.labeledTick(10)));
            List<DriftReport> reports = awaitReports(topics, 8);

            for (DriftReport report : reports) {
                int window = (int) ((report.getWindowStart().toEpochMilli() - DriftScenario.T0.toEpochMilli()) / 60_000);
                assertThat(report.getSampleSize()).as("window %d", window).isEqualTo(5_000);
                List<String> drifted = report.getFeatures().stream().filter(FeatureDrift::getDrifted)
                        .map(FeatureDrift::getFeature).sorted().toList();
                assertThat(drifted).as("window %d", window).isEqualTo(window < 4 ? List.of() : DriftScenario.SHIFTED);
                assertThat(report.getDatasetDrift()).as("window %d", window).isFalse();
            }

            ModelDetectors offline = scenario.offlineDetectors(DriftSettings.from(config));
            AtomicReference<ModelDetectors> restored = new AtomicReference<>();
            await("the detectors to see all 40 000 errors").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                restored.set(latestDetectors(config, second));
                assertThat(restored.get().samples()).isEqualTo(40_000);
            });
            assertThat(cumulative(restored.get().report())).isEqualTo(cumulative(offline.report()));
            assertThat(second.health().status()).isEqualTo(Health.Status.UP);
        }
    }

    /** What a detector concluded over the whole stream, leaving out what is counted per report (level, drifts). */
    private static Map<String, List<Long>> cumulative(List<ModelDetectors.DetectorStatus> statuses) {
        Map<String, List<Long>> details = new LinkedHashMap<>();
        statuses.forEach(s -> details.put(s.detector(), Arrays.asList(s.observations(), s.samplesTotal(),
                s.lastWarningSample(), s.lastWarningTime(), s.lastDriftSample(), s.lastDriftTime())));
        return details;
    }

    /** The model's drift state as last committed to the changelog of the merging task. */
    private static ModelDetectors latestDetectors(DriftwatchConfig config, StreamsRunner runner) {
        String changelog = runner.applicationId(DriftTopology.NAME) + "-" + DriftTopology.STORES.models() + "-changelog";
        List<ConsumerRecord<String, byte[]>> records = kafka.readAll(changelog, new StringDeserializer(),
                new ByteArrayDeserializer());
        byte[] last = records.stream().filter(r -> r.key().equals(DriftScenario.MODEL + "/" + DriftScenario.VERSION))
                .reduce((a, b) -> b).orElseThrow().value();
        ModelState state = ModelState.fromBytes(last);
        assertThat(state.detectors).isNotNull();
        return state.detectors;
    }

    private static List<DriftReport> awaitReports(TopicCatalogue topics, int count) {
        return kafka.awaitRecords(topics.name(TopicCatalogue.DRIFT_REPORTS), new StringDeserializer(),
                        topics.valueSerde(TopicCatalogue.DRIFT_REPORTS).deserializer(), count).stream()
                .map(ConsumerRecord::value)
                .sorted(Comparator.comparing(DriftReport::getWindowStart))
                .toList();
    }

    private static void produce(TopicCatalogue topics, List<PredictionEvent> predictions,
                                List<LabeledPrediction> labeled) {
        Map<String, PredictionEvent> byId = new LinkedHashMap<>();
        predictions.forEach(p -> byId.put(p.getPredictionId(), p));
        kafka.produce(topics.name(TopicCatalogue.VALIDATED_PREDICTIONS), new StringSerializer(),
                topics.valueSerde(TopicCatalogue.VALIDATED_PREDICTIONS).serializer(), byId);
        Map<String, LabeledPrediction> labelsById = new LinkedHashMap<>();
        labeled.forEach(l -> labelsById.put(l.getPrediction().getPredictionId(), l));
        kafka.produce(topics.name(TopicCatalogue.LABELED_PREDICTIONS), new StringSerializer(),
                topics.valueSerde(TopicCatalogue.LABELED_PREDICTIONS).serializer(), labelsById);
    }
}
