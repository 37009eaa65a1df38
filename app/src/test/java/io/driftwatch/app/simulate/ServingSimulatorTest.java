package io.driftwatch.app.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulated shop and its serving app: seeded, paced in simulated time, labels never from the future. */
class ServingSimulatorTest {

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    @BeforeAll
    static void trust() {
        TrustedAvroPackages.trustEvents();
    }

    private record Run(List<ProducerRecord<String, PredictionEvent>> predictions,
                       List<ProducerRecord<String, GroundTruthEvent>> labels, ServingSimulator.Progress end) {
    }

    private static Run run(long seed) throws Exception {
        // 4 000 visits at 20 000 a second, a simulated hour each real second: 12 simulated minutes.
        ServingSimulator.Settings settings = new ServingSimulator.Settings(seed, "t", 20_000, 3_600, Duration.ofMillis(200),
                START, Scenario.clean());
        MockProducer<String, PredictionEvent> predictions = new MockProducer<>(true, null, new StringSerializer(),
                (topic, value) -> new byte[0]);
        MockProducer<String, GroundTruthEvent> labels = new MockProducer<>(true, null, new StringSerializer(),
                (topic, value) -> new byte[0]);
        ServingSimulator.Progress end = new ServingSimulator(settings, predictions, "p", labels, "g")
                .run(Duration.ofHours(1), p -> { });
        return new Run(predictions.history(), labels.history(), end);
    }

    @Test
    void sameSeedShouldPublishTheSameEventsAtTheSameEventTimes() throws Exception {
        Run first = run(11);
        Run second = run(11);
        Run other = run(12);
        assertThat(first.predictions()).hasSize(8_000);
        assertThat(first.predictions()).extracting(ProducerRecord::value).isEqualTo(second.predictions().stream()
                .map(ProducerRecord::value).toList());
        assertThat(first.labels()).extracting(ProducerRecord::value).isEqualTo(second.labels().stream()
                .map(ProducerRecord::value).toList());
        assertThat(first.predictions().get(0).value()).isNotEqualTo(other.predictions().get(0).value());
        // Visit i happens at start + i · speed / rate: 180 ms of simulated time apart; both models score it.
        assertThat(first.predictions().get(2 * 1000).timestamp()).isEqualTo(START.plusSeconds(180).toEpochMilli());
        assertThat(first.predictions().get(2 * 1000 + 1).value().getModelId()).isEqualTo(ShopWorld.BASKET);
    }

    @Test
    void labelsShouldComeAfterTheirPredictionAndNeverFromTheFuture() throws Exception {
        Run run = run(3);
        Map<String, Long> predicted = new HashMap<>();
        run.predictions().forEach(p -> predicted.put(p.key(), p.timestamp()));
        long last = run.predictions().get(run.predictions().size() - 1).timestamp();
        for (ProducerRecord<String, GroundTruthEvent> label : run.labels()) {
            assertThat(label.timestamp()).isBetween(predicted.get(label.key()), last);
            assertThat(label.value().getEventTime().toEpochMilli()).isEqualTo(label.timestamp());
        }
        // 85 % of visits are labelled, after a median of 60 s: most of 12 minutes' labels are due by the end.
        long labelledVisits = (run.labels().size() + run.end().labelsNotDue()) / 2;
        assertThat(labelledVisits / 4_000.0).isCloseTo(0.85, within(0.03));
        assertThat(run.end().labelsNotDue()).isLessThan(run.labels().size() / 5);
    }

    @Test
    void scenarioShouldShiftTheNamedFeaturesAndReverseOneSegmentsOutcomes() {
        Scenario story = Scenario.demo(Duration.ofHours(3));
        Scenario.Phase clean = story.at(Duration.ZERO);
        Scenario.Phase data = story.at(Duration.ofMinutes(90));
        Scenario.Phase concept = story.at(Duration.ofMinutes(150));
        Stats cleanStats = stats(clean);
        Stats dataStats = stats(data);
        Stats conceptStats = stats(concept);

        // Exponential days (mean 12), then × 3 + 5; ads from 25 % to 70 % of traffic.
        assertThat(cleanStats.meanDays()).isCloseTo(12, within(0.6));
        assertThat(dataStats.meanDays()).isCloseTo(41, within(2.0));
        assertThat(cleanStats.adsShare()).isCloseTo(0.25, within(0.02));
        assertThat(dataStats.adsShare()).isCloseTo(0.70, within(0.02));
        // Sessions × 0.2 + 150 s: into the 2–4 minutes where the classifier is unsure, the concept unchanged.
        assertThat(dataStats.meanSession()).isCloseTo(0.2 * cleanStats.meanSession() + 150, within(2.0));
        assertThat(dataStats.accuracyElsewhere()).isLessThan(cleanStats.accuracyElsewhere() - 0.05);
        // The classifier is right about 3 in 4 visits, until 70 % of German outcomes are reversed (on the drifted inputs).
        assertThat(cleanStats.accuracyDe()).isGreaterThan(0.7);
        assertThat(conceptStats.accuracyDe()).isLessThan(0.45);
        assertThat(conceptStats.accuracyElsewhere()).isCloseTo(dataStats.accuracyElsewhere(), within(0.02));
    }

    private record Stats(double meanDays, double meanSession, double adsShare, double accuracyDe, double accuracyElsewhere) {
    }

    private static Stats stats(Scenario.Phase phase) {
        ShopWorld world = new ShopWorld(5, "s");
        double days = 0;
        double session = 0;
        double ads = 0;
        double[] right = new double[2];
        double[] labelled = new double[2];
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            ShopWorld.Visit v = world.next(i, START, phase);
            days += v.propensity().getNumericFeatures().get(ShopWorld.DAYS_SINCE_LAST_VISIT);
            session += v.propensity().getNumericFeatures().get(ShopWorld.SESSION_LENGTH);
            ads += "ads".equals(v.propensity().getCategoricalFeatures().get(ShopWorld.TRAFFIC_SOURCE)) ? 1 : 0;
            if (v.labelled()) {
                int de = "DE".equals(v.propensity().getSegments().get(ShopWorld.COUNTRY)) ? 0 : 1;
                labelled[de]++;
                right[de] += v.propensity().getPredictedLabel().equals(v.propensityTruth().getActualLabel()) ? 1 : 0;
            }
        }
        return new Stats(days / n, session / n, ads / n, right[0] / labelled[0], right[1] / labelled[1]);
    }
}
