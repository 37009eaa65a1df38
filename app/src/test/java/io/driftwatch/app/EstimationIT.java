package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.app.simulate.Scenario;
import io.driftwatch.app.simulate.ShopWorld;
import io.driftwatch.events.Alert;
import io.driftwatch.events.AlertState;
import io.driftwatch.events.Estimate;
import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.streams.Health;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Estimated performance on the real broker, all processors together: three clean windows of the
 * shop, then two under the demo's input shift (the classifier's accuracy falls about 8 points,
 * the concept unchanged). With no label produced yet, the estimated-accuracy alert must fire for
 * the first shifted window — and for no clean one; once the labels are produced and the windows
 * final, the realised-accuracy alert follows.
 */
class EstimationIT {

    @RegisterExtension
    static final KafkaTestCluster kafka = new KafkaTestCluster();

    private static final Instant T0 = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final int CLEAN_WINDOWS = 3;
    private static final int SHIFTED_WINDOWS = 2;
    private static final int VISITS_PER_WINDOW = 2_000;

    @Test
    void theEstimatedAccuracyAlertShouldFireWhenTheShiftedWindowClosesBeforeAnyLabelAndTheRealisedOneAfter()
            throws Exception {
        TrustedAvroPackages.trustEvents();
        DriftwatchConfig config = KafkaTestCluster.withFreeHttpPort(kafka.config(Map.of(), Map.of(
                // Long enough that no prediction expires unlabelled while the labels are held back.
                "models", List.of(Map.of("model", "*", "label-horizon", "1h")),
                "metrics", Map.of("window", "5m", "grace", "30s", "flush-interval", "500ms"),
                "alerting", Map.of("rules", List.of(
                        Map.of("id", "estimated-accuracy-low", "when", "estimated_accuracy < reference - 3se"),
                        Map.of("id", "accuracy-low", "when", "accuracy < 0.72"))))));
        TopicCatalogue topics = kafka.catalogue(config);
        kafka.createTopics(config);
        DemoRun.publishReferenceProfiles(config); // the demo's training profile: performance and calibration

        Scenario.Phase clean = Scenario.clean().phases().get(0);
        Scenario.Phase shifted = Scenario.demo(Duration.ofHours(1)).at(Duration.ofMinutes(30));
        ShopWorld shop = new ShopWorld(3, "estimation");
        Map<String, PredictionEvent> predictions = new LinkedHashMap<>(); // in event-time order
        List<GroundTruthEvent> labels = new ArrayList<>();
        for (int w = 0; w < CLEAN_WINDOWS + SHIFTED_WINDOWS; w++) {
            for (int i = 0; i < VISITS_PER_WINDOW; i++) {
                Instant at = T0.plus(WINDOW.multipliedBy(w)).plusMillis(WINDOW.toMillis() * i / VISITS_PER_WINDOW);
                ShopWorld.Visit v = shop.next((long) w * VISITS_PER_WINDOW + i, at, w < CLEAN_WINDOWS ? clean : shifted);
                predictions.put(v.propensity().getPredictionId(), v.propensity());
                if (v.labelled()) {
                    labels.add(v.propensityTruth());
                }
            }
        }
        // Ticks on every partition: the predictions' clock passes the last window's end and grace.
        Instant later = T0.plus(WINDOW.multipliedBy(CLEAN_WINDOWS + SHIFTED_WINDOWS + 3));
        List<PredictionEvent> ticks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ticks.add(PredictionEvent.newBuilder(predictions.values().iterator().next()).setPredictionId("tick-" + i)
                    .setEventTime(later).build());
        }
        ticks.forEach(t -> predictions.put(t.getPredictionId(), t));

        try (Pipeline pipeline = Pipeline.start(config, List.of())) {
            await("every processor running").atMost(Duration.ofSeconds(90))
                    .until(() -> pipeline.runner().health().status() == Health.Status.UP);
            kafka.produce(topics.name(TopicCatalogue.PREDICTIONS), new StringSerializer(),
                    topics.valueSerde(TopicCatalogue.PREDICTIONS).serializer(), predictions);

            // No label exists yet: the estimate alone must see the shift, when the first shifted window closes. (The
            // shifted windows close moments apart here and their snapshots travel in different partitions, so the
            // alert may name either; each window's own verdict is in its snapshot.)
            Alert estimated = awaitFiring(topics, "estimated-accuracy-low");
            assertThat(estimated.getEvidence().get(0).getWindowStart()).as("a shifted window")
                    .isAfterOrEqualTo(T0.plus(WINDOW.multipliedBy(CLEAN_WINDOWS)));
            for (int w = 0; w <= CLEAN_WINDOWS; w++) {
                MetricSnapshot closed = snapshot(topics, T0.plus(WINDOW.multipliedBy(w)));
                assertThat(closed.getRevision()).isZero();
                assertThat(closed.getLabeledCount()).isZero();
                Estimate accuracy = closed.getEstimatedPerformance().getAccuracy();
                double threshold = accuracy.getReference() - 3 * accuracy.getStandardError();
                if (w < CLEAN_WINDOWS) {
                    assertThat(accuracy.getValue()).as("clean window %d: no false alarm", w).isGreaterThanOrEqualTo(threshold);
                } else {
                    assertThat(accuracy.getValue()).as("the first shifted window").isLessThan(threshold)
                            .isLessThan(accuracy.getReference() - 0.05);
                }
            }
            assertThat(firing(topics, "accuracy-low")).as("no realised accuracy without labels").isEmpty();

            // The labels arrive, in their own time order; labels of the ticks carry the labels' clock past the horizon.
            Map<String, GroundTruthEvent> truth = new LinkedHashMap<>();
            labels.stream().sorted(Comparator.comparing(GroundTruthEvent::getEventTime))
                    .forEach(l -> truth.put(l.getPredictionId(), l));
            ticks.forEach(t -> truth.put(t.getPredictionId(), GroundTruthEvent.newBuilder().setPredictionId(t.getPredictionId())
                    .setModelId(t.getModelId()).setEventTime(later.plus(Duration.ofHours(1))).setActualLabel("0").build()));
            kafka.produce(topics.name(TopicCatalogue.GROUND_TRUTH), new StringSerializer(),
                    topics.valueSerde(TopicCatalogue.GROUND_TRUTH).serializer(), truth);

            Alert realised = awaitFiring(topics, "accuracy-low");
            assertThat(realised.getEvidence().get(0).getWindowStart()).isAfterOrEqualTo(T0.plus(WINDOW.multipliedBy(CLEAN_WINDOWS)));
            MetricSnapshot settled = snapshot(topics, T0.plus(WINDOW.multipliedBy(CLEAN_WINDOWS)));
            assertThat(settled.getFinal$()).isTrue();
            assertThat(settled.getEstimatedPerformance().getAccuracy().getRealised())
                    .isEqualTo(settled.getClassification().getAccuracy());
        }
    }

    private static Alert awaitFiring(TopicCatalogue topics, String rule) {
        List<Alert> found = new ArrayList<>();
        await(rule + " firing").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            found.clear();
            found.addAll(firing(topics, rule));
            return !found.isEmpty();
        });
        return found.get(0);
    }

    private static List<Alert> firing(TopicCatalogue topics, String rule) {
        return kafka.readAll(topics.name(TopicCatalogue.ALERTS), new StringDeserializer(),
                        topics.valueSerde(TopicCatalogue.ALERTS).deserializer()).stream().map(ConsumerRecord::value)
                .filter(a -> a.getRuleId().equals(rule) && a.getState() == AlertState.FIRING).toList();
    }

    /** The latest overall base snapshot of the classifier's window starting at {@code start}. */
    private static MetricSnapshot snapshot(TopicCatalogue topics, Instant start) {
        return kafka.readAll(topics.name(TopicCatalogue.METRICS), new StringDeserializer(),
                        topics.valueSerde(TopicCatalogue.METRICS).deserializer()).stream().map(ConsumerRecord::value)
                .filter(s -> s.getModelId().equals(ShopWorld.PROPENSITY) && s.getSegment().equals("*")
                        && s.getHorizon().equals("base") && !s.getProvisional() && s.getWindowStart().equals(start))
                .reduce((first, second) -> second).orElseThrow();
    }
}
