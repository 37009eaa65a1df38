package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.deadletter.DeadLetterHeaders;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Late and out-of-order data (issue: reliability; docs/reliability.md), through {@code driftwatch
 * run --only pipeline} in a child JVM on one partition (so that the order of arrival is the
 * order written): a prediction at window end + grace − 1 ms counts in its window, one at + grace
 * counts as late in the next; the instance is killed between the predictions and their labels; a
 * label 3 days late still joins and revises its window; a label past the 4-day horizon is
 * dead-lettered as {@code late-ground-truth}. Nothing is lost.
 */
class LateDataIT {

    @RegisterExtension
    static final KafkaTestCluster kafka = new KafkaTestCluster();

    /** A minute boundary a month ago: every event time stays in the past of the wall clock. */
    private static final Instant T0 = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);

    @Test
    void edgeOfGraceLateLabelsAndAfterHorizonLabelsShouldEachBeCountedWhereTheyBelong() throws Exception {
        TrustedAvroPackages.trustEvents();
        String prefix = "late" + UUID.randomUUID().toString().substring(0, 6);
        Path dir = KafkaTestCluster.tempDir("late");
        Map<String, String> sections = DriftwatchProcess.sections(kafka.bootstrapServers(), kafka.registryUrl(), prefix,
                "partitions: 1");
        // Ingest waits 4 days for a label, and the window stays open to labels as long.
        sections.put("models", "[{model: '*', label-horizon: 4d}]");
        sections.put("metrics", "{window: 1m, grace: 30s, flush-interval: 500ms}");
        DriftwatchProcess driftwatch = DriftwatchProcess.create(dir, 0, sections, "--only", "pipeline");
        DriftwatchConfig settings = driftwatch.settings();
        kafka.createTopics(settings);
        TopicCatalogue topics = kafka.catalogue(settings);

        try (driftwatch) {
            driftwatch.start(Duration.ofMinutes(2));
            predictions(topics, List.of(
                    prediction("a", T0.plusSeconds(10)),
                    prediction("clock-1", T0.plusMillis(89_999)), // window 0's end + grace − 1 ms
                    prediction("in-time", T0.plusSeconds(30)),
                    prediction("clock-2", T0.plusSeconds(90)), // end + grace: window 0 closes
                    prediction("too-late", T0.plusSeconds(30))));
            await("the predictions through ingest").atMost(Duration.ofMinutes(1)).until(() -> kafka.readAll(
                    topics.name(TopicCatalogue.VALIDATED_PREDICTIONS), new StringDeserializer(),
                    new StringDeserializer()).size() == 5);

            driftwatch.kill(); // between the predictions and their labels
            driftwatch.start(Duration.ofMinutes(2));
            labels(topics, List.of(
                    label("a", T0.plus(Duration.ofDays(3))),
                    label("in-time", T0.plus(Duration.ofDays(8)))));
            predictions(topics, List.of(prediction("tick", T0.plus(Duration.ofDays(8)))));
            labels(topics, List.of(label("tick", T0.plus(Duration.ofDays(8)))));

            Map<Long, MetricSnapshot> finals = new HashMap<>();
            var reader = topics.valueSerde(TopicCatalogue.METRICS).deserializer();
            await("the final snapshots of windows 0 and 1").atMost(Duration.ofMinutes(2)).until(() -> {
                for (ConsumerRecord<String, MetricSnapshot> r : kafka.readAll(topics.name(TopicCatalogue.METRICS),
                        new StringDeserializer(), reader)) {
                    if (r.value().getFinal$() && r.value().getWindowStart().isBefore(T0.plusSeconds(120))) {
                        finals.put(Duration.between(T0, r.value().getWindowStart()).toSeconds(), r.value());
                    }
                }
                assertThat(driftwatch.alive()).as(driftwatch.logTail()).isTrue();
                return finals.size() == 2;
            });
            MetricSnapshot window0 = finals.get(0L);
            assertThat(window0.getPredictionCount()).as("a and in-time").isEqualTo(2);
            assertThat(window0.getLateRecordCount()).isZero();
            assertThat(window0.getLabeledCount()).as("a, labelled 3 days later").isEqualTo(1);
            MetricSnapshot window1 = finals.get(60L);
            assertThat(window1.getPredictionCount()).as("clock-1, clock-2 and too-late").isEqualTo(3);
            assertThat(window1.getLateRecordCount()).as("too-late").isEqualTo(1);

            List<ConsumerRecord<byte[], byte[]>> letters = kafka.awaitRawRecords(topics.name(TopicCatalogue.DEAD_LETTER), 1);
            assertThat(letters).singleElement().satisfies(letter -> {
                assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.REASON)).isEqualTo("late-ground-truth");
                assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.SOURCE_TOPIC))
                        .isEqualTo(topics.name(TopicCatalogue.GROUND_TRUTH));
            });
        }
    }

    private static PredictionEvent prediction(String id, Instant at) {
        return PredictionEvent.newBuilder().setPredictionId(id).setModelId("m").setModelVersion("1").setEventTime(at)
                .setNumericFeatures(Map.of("x", 1.0)).setCategoricalFeatures(Map.of()).setScore(0.8)
                .setPredictedLabel("1").build();
    }

    private static GroundTruthEvent label(String id, Instant at) {
        return GroundTruthEvent.newBuilder().setPredictionId(id).setModelId("m").setEventTime(at).setActualLabel("1").build();
    }

    private static void predictions(TopicCatalogue topics, List<PredictionEvent> events) {
        for (PredictionEvent e : events) { // one by one: the order of arrival is the point
            kafka.produce(topics.name(TopicCatalogue.PREDICTIONS), new StringSerializer(),
                    topics.valueSerde(TopicCatalogue.PREDICTIONS).serializer(), Map.of(e.getPredictionId(), e));
        }
    }

    private static void labels(TopicCatalogue topics, List<GroundTruthEvent> events) {
        for (GroundTruthEvent e : events) {
            kafka.produce(topics.name(TopicCatalogue.GROUND_TRUTH), new StringSerializer(),
                    topics.valueSerde(TopicCatalogue.GROUND_TRUTH).serializer(), Map.of(e.getPredictionId(), e));
        }
    }
}
