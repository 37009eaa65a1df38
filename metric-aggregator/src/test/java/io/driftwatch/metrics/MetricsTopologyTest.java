package io.driftwatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.events.Estimate;
import io.driftwatch.events.EstimatedPerformance;
import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.MulticlassReferencePerformance;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.QualityIssue;
import io.driftwatch.events.QualityIssueKind;
import io.driftwatch.events.ReferencePerformance;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.ScoreCalibration;
import io.driftwatch.events.TaskType;
import io.driftwatch.metrics.config.MetricsSettings;
import io.driftwatch.metrics.summary.WindowSummary;
import io.driftwatch.runtime.config.ModelCatalogue;
import io.driftwatch.runtime.partials.SliceKeys;
import io.driftwatch.runtime.testing.TestRegistry;
import io.driftwatch.runtime.testing.TopologyTestProperties;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Windows, grace, revisions as labels arrive, finality and late records, through the production topology. */
class MetricsTopologyTest {

    @RegisterExtension
    static final TestRegistry registry = new TestRegistry();
    private static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TestInputTopic<String, PredictionEvent> validated;
    private TestInputTopic<String, LabeledPrediction> labeled;
    private TestOutputTopic<String, MetricSnapshot> snapshots;
    private TestInputTopic<String, ReferenceProfile> profiles;
    private final List<MetricSnapshot> horizons = new ArrayList<>();

    private static final Map<String, Object> HOUR_HORIZON = Map.of("model", "*", "label-horizon", "1h");

    @BeforeEach
    void start() {
        start(Map.of("segment-top-k", 2, "models", List.of(Map.of("model", "open", "segment-values", "clear"))),
                ModelCatalogue.of(List.of(HOUR_HORIZON, Map.of("model", "shop", "segments", List.of("country")),
                        Map.of("model", "open", "segments", List.of("country")))));
    }

    private void start(Map<String, Object> section, ModelCatalogue catalogue) {
        if (driver != null) {
            driver.close();
        }
        TopicCatalogue topics = new TopicCatalogue("", registry.serdes());
        Properties props = TopologyTestProperties.of("metrics-test", stateDir.resolve("run" + System.nanoTime()));
        driver = new TopologyTestDriver(MetricsTopology.build(topics, MetricsSettings.fromSection(section, catalogue),
                new MetricsMetrics(meters), 1), props, T0);
        validated = driver.createInputTopic(topics.name(TopicCatalogue.VALIDATED_PREDICTIONS), Serdes.String().serializer(),
                topics.valueSerde(TopicCatalogue.VALIDATED_PREDICTIONS).serializer());
        labeled = driver.createInputTopic(topics.name(TopicCatalogue.LABELED_PREDICTIONS), Serdes.String().serializer(),
                topics.valueSerde(TopicCatalogue.LABELED_PREDICTIONS).serializer());
        profiles = driver.createInputTopic(topics.name(TopicCatalogue.REFERENCE_PROFILES), Serdes.String().serializer(),
                topics.valueSerde(TopicCatalogue.REFERENCE_PROFILES).serializer());
        snapshots = driver.createOutputTopic(topics.name(TopicCatalogue.METRICS), Serdes.String().deserializer(),
                topics.valueSerde(TopicCatalogue.METRICS).deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private static PredictionEvent prediction(String id, Duration at, double score) {
        return prediction("churn", id, at, score, Map.of());
    }

    private static PredictionEvent prediction(String model, String id, Duration at, double score,
                                              Map<String, String> segments) {
        return PredictionEvent.newBuilder().setPredictionId(id).setModelId(model).setModelVersion("1").setSegments(segments)
                .setEventTime(T0.plus(at)).setNumericFeatures(Map.of()).setCategoricalFeatures(Map.of())
                .setScore(score).setPredictedLabel(score >= 0.5 ? "1" : "0").setServingLatencyMs(10.0 + score * 10)
                .setQualityIssues(score < 0.2 ? List.of(QualityIssue.newBuilder().setFeature("tenure")
                        .setKind(QualityIssueKind.MISSING).build()) : List.of())
                .build();
    }

    private static LabeledPrediction label(PredictionEvent prediction, String actual, Duration at) {
        GroundTruthEvent truth = GroundTruthEvent.newBuilder().setPredictionId(prediction.getPredictionId())
                .setModelId(prediction.getModelId()).setEventTime(T0.plus(at)).setActualLabel(actual).setOutcomes(Map.of("revenue", 5.0))
                .build();
        return LabeledPrediction.newBuilder().setPrediction(prediction).setGroundTruth(truth)
                .setLabelDelayMs(T0.plus(at).toEpochMilli() - prediction.getEventTime().toEpochMilli())
                .setCorrection(false).build();
    }

    private void send(PredictionEvent... events) {
        for (PredictionEvent e : events) {
            validated.pipeInput(e.getPredictionId(), e);
        }
        flush();
    }

    private void send(LabeledPrediction... events) {
        for (LabeledPrediction e : events) {
            labeled.pipeInput(e.getPrediction().getPredictionId(), e);
        }
        flush();
    }

    private void flush() {
        driver.advanceWallClockTime(Duration.ofSeconds(1));
    }

    /**
     * The labels' clock can pass a window's label horizon before the predictions' clock closes the
     * window (each partition reports each stream's progress on its own); the window is final as
     * soon as it closes then, not only when the labels' clock moves again.
     */
    @Test
    void aWindowThatClosesAfterTheLabelsClockPassedItsHorizonShouldBeFinalAtOnce() {
        PredictionEvent a = prediction("a", Duration.ofSeconds(10), 0.9);
        send(a);
        labeled.pipeInput("a", label(a, "1", Duration.ofMinutes(5)));
        labeled.pipeInput("b", label(prediction("b", Duration.ofMinutes(1), 0.9), "1", Duration.ofHours(2))); // 1 h past
        assertThat(base()).as("window 0 is still open: the predictions' clock is at 0:10").isEmpty();

        validated.pipeInput("tick", prediction("tick", Duration.ofHours(2), 0.5)); // closes window 0, labels sent no more

        List<MetricSnapshot> window0 = base().stream().filter(s -> s.getWindowStart().equals(T0)).toList();
        assertThat(window0).extracting(MetricSnapshot::getFinal$).containsExactly(false, true);
        assertThat(window0.get(1).getLabeledCount()).isEqualTo(1);
    }

    /** Fails when the partition's progress waits for the flush timer: no wall-clock time passes here. */
    @Test
    void aWindowShouldCloseAsSoonAsThePartitionsClockPassesItsEndPlusGraceWithoutWaitingForTheFlushTimer() {
        for (int i = 0; i < 10; i++) {
            validated.pipeInput("p" + i, prediction("p" + i, Duration.ofSeconds(5 * i), i / 10.0));
        }
        validated.pipeInput("tick", prediction("tick", Duration.ofSeconds(89), 0.5)); // 1:29, end + grace not reached
        assertThat(base()).isEmpty();

        validated.pipeInput("tick2", prediction("tick2", Duration.ofSeconds(90), 0.5)); // 1:30, end + grace
        assertThat(base()).singleElement().satisfies(closed -> {
            assertThat(closed.getWindowStart()).isEqualTo(T0);
            assertThat(closed.getPredictionCount()).isEqualTo(10);
        });
    }

    @Test
    void aWindowShouldBeSentWhenItClosesThenRevisedAsLabelsArriveThenFinal() {
        PredictionEvent[] window0 = new PredictionEvent[10];
        for (int i = 0; i < 10; i++) {
            window0[i] = prediction("p" + i, Duration.ofSeconds(5 * i), i / 10.0);
        }
        send(window0[0], window0[1], window0[2], window0[3], window0[4]); // two partials for the same window
        send(window0[5], window0[6], window0[7], window0[8], window0[9]);
        assertThat(base()).isEmpty();
        send(prediction("tick", Duration.ofSeconds(89), 0.5)); // 1:29, end + grace not reached
        assertThat(base()).isEmpty();
        send(prediction("tick2", Duration.ofSeconds(91), 0.5)); // 1:31

        List<MetricSnapshot> closed = base();
        assertThat(closed).hasSize(1);
        MetricSnapshot first = closed.get(0);
        assertThat(first.getWindowStart()).isEqualTo(T0);
        assertThat(first.getRevision()).isZero();
        assertThat(first.getFinal$()).isFalse();
        assertThat(first.getPredictionCount()).isEqualTo(10);
        assertThat(first.getLabeledCount()).isZero();
        assertThat(first.getClassification()).isNull();
        assertThat(first.getPredictedClassShares()).isEqualTo(Map.of("0", 0.5, "1", 0.5));
        assertThat(first.getDataQuality().get("tenure").getMissingRate()).isEqualTo(0.2);
        assertThat(first.getLatencyQuantilesMs()).containsKeys("p50", "p95", "p99");

        // Labels for 6 of them (4 right, 2 wrong) arrive at 2:10 and 2:20: two revisions.
        send(label(window0[0], "0", Duration.ofSeconds(130)), label(window0[1], "0", Duration.ofSeconds(130)),
                label(window0[6], "1", Duration.ofSeconds(130)));
        send(label(window0[7], "1", Duration.ofSeconds(140)), label(window0[2], "1", Duration.ofSeconds(140)),
                label(window0[8], "0", Duration.ofSeconds(140)));
        List<MetricSnapshot> revisions = base();
        assertThat(revisions).extracting(MetricSnapshot::getRevision).containsExactly(1, 2);
        MetricSnapshot revised = revisions.get(1);
        assertThat(revised.getLabeledCount()).isEqualTo(6);
        assertThat(revised.getLabelCoverage()).isEqualTo(0.6);
        assertThat(revised.getClassification().getAccuracy()).isEqualTo(4.0 / 6);
        assertThat(revised.getBusinessKpis().get("revenue").getSum()).isEqualTo(30.0);
        assertThat(revised.getFinal$()).isFalse();

        // The label clock passes 1:00 + 1 h: the window is final, and forgotten.
        send(label(prediction("later", Duration.ofMinutes(50), 0.9), "1", Duration.ofMinutes(61)));
        List<MetricSnapshot> last = base();
        assertThat(last).hasSize(1);
        assertThat(last.get(0).getFinal$()).isTrue();
        assertThat(last.get(0).getRevision()).isEqualTo(3);
        assertThat(last.get(0).getLabeledCount()).isEqualTo(6);

        send(label(window0[3], "1", Duration.ofMinutes(62)));
        assertThat(base()).isEmpty();
        assertThat(count("driftwatch.metrics.late.labels")).isEqualTo(1);
    }

    /** A label partial is keyed by its prediction's window; the labels' clock may never pass that window's end. */
    @Test
    void labelsWhoseTimeFallsInsideTheirPredictionsWindowShouldReviseItAtTheNextFlush() {
        PredictionEvent p = prediction("p", Duration.ofSeconds(5), 0.8);
        send(p);
        send(prediction("tick", Duration.ofSeconds(91), 0.5)); // closes window 0
        assertThat(base()).extracting(MetricSnapshot::getRevision, MetricSnapshot::getLabeledCount)
                .containsExactly(tuple(0, 0L));

        send(label(p, "1", Duration.ofSeconds(30))); // the labels' clock stays inside window 0

        assertThat(base()).extracting(MetricSnapshot::getRevision, MetricSnapshot::getLabeledCount)
                .containsExactly(tuple(1, 1L));
    }

    @Test
    void aPredictionForAClosedWindowShouldBeCountedLateInTheFirstOpenWindow() {
        send(prediction("a", Duration.ofSeconds(10), 0.7));
        send(prediction("b", Duration.ofSeconds(200), 0.7)); // 3:20 closes windows up to 1:50 → window 0 and 1
        send(prediction("late", Duration.ofSeconds(20), 0.7));
        send(prediction("c", Duration.ofSeconds(400), 0.7)); // 6:40 closes up to 5:10

        List<MetricSnapshot> sent = base();
        assertThat(sent).extracting(s -> s.getWindowStart().getEpochSecond() - T0.getEpochSecond(), MetricSnapshot::getPredictionCount,
                        MetricSnapshot::getLateRecordCount)
                .containsExactly(tuple(0L, 1L, 0L),
                        tuple(120L, 1L, 1L),
                        tuple(180L, 1L, 0L));
        assertThat(count("driftwatch.metrics.late.records")).isEqualTo(1);
        assertThat(meters.find("driftwatch.metrics.predictions").tags("model", "churn", "version", "1").gauge().value())
                .isEqualTo(1.0);
    }

    @Test
    void aPredictionAtWindowEndPlusGraceMinusOneMillisecondShouldCountAndAtPlusGraceBeLate() {
        // All within one flush interval: the partition's own clock decides, not when the merge hears of it.
        for (PredictionEvent e : List.of(prediction("a", Duration.ofSeconds(10), 0.7),
                prediction("clock-1", Duration.ofMillis(89_999), 0.7), // window 0's end + 30 s grace − 1 ms
                prediction("in-time", Duration.ofSeconds(30), 0.7),
                prediction("clock-2", Duration.ofSeconds(90), 0.7), // end + grace: window 0 is closed
                prediction("too-late", Duration.ofSeconds(30), 0.7))) {
            validated.pipeInput(e.getPredictionId(), e);
        }
        flush();
        send(prediction("clock-3", Duration.ofSeconds(200), 0.7)); // closes window 1

        assertThat(base()).extracting(s -> s.getWindowStart().getEpochSecond() - T0.getEpochSecond(),
                        MetricSnapshot::getPredictionCount, MetricSnapshot::getLateRecordCount)
                .containsExactly(tuple(0L, 2L, 0L),
                        tuple(60L, 3L, 1L));
        assertThat(count("driftwatch.metrics.late.records")).isEqualTo(1);
    }

    @Test
    void perSegmentKeyOnlyTheTopKValuesShouldGetASeriesAndValuesShouldBeHashedUnlessAllowed() {
        String[] countries = {"DE", "DE", "DE", "DE", "DE", "FR", "FR", "FR", "IT", "IT", "ES"};
        PredictionEvent italy = null;
        for (int i = 0; i < countries.length; i++) {
            PredictionEvent p = prediction("shop", "s" + i, Duration.ofSeconds(i), 0.7, Map.of("country", countries[i]));
            italy = countries[i].equals("IT") ? p : italy;
            send(p);
        }
        send(prediction("open", "o1", Duration.ofSeconds(1), 0.7, Map.of("country", "DE")));
        send(prediction("shop", "tick", Duration.ofSeconds(95), 0.7, Map.of()));

        Map<String, Long> bySegment = new TreeMap<>();
        base().stream().filter(s -> s.getModelId().equals("shop"))
                .forEach(s -> bySegment.put(s.getSegment(), s.getPredictionCount()));
        String de = "country=" + SegmentSeries.hash("DE");
        String fr = "country=" + SegmentSeries.hash("FR");
        assertThat(bySegment).isEqualTo(Map.of("*", 11L, de, 5L, fr, 3L, "country=other", 3L));

        // A label for Italy, which lost its series, revises country=other.
        send(label(italy, "1", Duration.ofSeconds(100)));
        List<MetricSnapshot> revised = base();
        assertThat(revised).extracting(MetricSnapshot::getSegment).containsExactlyInAnyOrder("*", "country=other");
        assertThat(revised).allSatisfy(s -> assertThat(s.getLabeledCount()).isEqualTo(1));
    }

    @Test
    void segmentValuesShouldBeInClearOnlyWhereTheModelAllowsIt() {
        send(prediction("open", "o1", Duration.ofSeconds(1), 0.7, Map.of("country", "DE")));
        send(prediction("open", "tick", Duration.ofSeconds(95), 0.7, Map.of()));
        assertThat(base()).extracting(MetricSnapshot::getSegment)
                .containsExactlyInAnyOrder("*", "country=DE");
    }

    /** The base-window snapshots sent since the last call; horizon snapshots are kept for {@link #horizons}. */
    /**
     * Calibration 0.25 below a score of 0.5 and 0.75 above: scores 0.9, 0.8 (predicted 1) and 0.3,
     * 0.1 (predicted 0) expect TP 1.5, FP 0.5, FN 0.5, TN 1.5, an accuracy of 0.75 with a standard
     * error of √(0.8 · 0.2 / 4) = 0.2 from the reference's 0.8.
     */
    @Test
    void estimatedPerformanceShouldBeSentWhenTheWindowClosesAndTheRealisedBesideItOnceLabelsArrive() {
        profiles.pipeInput("churn/1", profileWithPerformance("1"));
        PredictionEvent[] window0 = {prediction("a", Duration.ofSeconds(1), 0.9), prediction("b", Duration.ofSeconds(2), 0.8),
                prediction("c", Duration.ofSeconds(3), 0.3), prediction("d", Duration.ofSeconds(4), 0.1)};
        send(window0);
        send(prediction("tick", Duration.ofSeconds(200), 0.5));

        MetricSnapshot closed = base().get(0);
        assertThat(closed.getRevision()).isZero();
        Estimate accuracy = closed.getEstimatedPerformance().getAccuracy();
        assertThat(closed.getEstimatedPerformance().getCalibrated()).isTrue();
        assertThat(accuracy.getValue()).isEqualTo(0.75);
        assertThat(accuracy.getStandardError()).isCloseTo(0.2, within(1e-12));
        assertThat(accuracy.getReference()).isEqualTo(0.8);
        assertThat(accuracy.getRealised()).isNull();
        assertThat(closed.getEstimatedPerformance().getPrecision()).as("no precision in the reference").isNull();
        assertThat(meters.get("driftwatch.metrics.estimated.accuracy").tag("model", "churn").gauge().value()).isEqualTo(0.75);

        send(label(window0[0], "0", Duration.ofSeconds(300)), label(window0[1], "1", Duration.ofSeconds(300)),
                label(window0[2], "1", Duration.ofSeconds(300)), label(window0[3], "0", Duration.ofSeconds(300)));
        Estimate revised = base().get(0).getEstimatedPerformance().getAccuracy();
        assertThat(revised.getValue()).as("the estimate stands").isEqualTo(0.75);
        assertThat(revised.getRealised()).isEqualTo(0.5);
        assertThat(revised.getError()).isEqualTo(-0.25);
    }

    /**
     * Without a published profile, the version's first final windows are captured as its reference:
     * two windows of ten labelled predictions, eight right each, make a reference accuracy of 0.8
     * that a later window's estimate stands beside.
     */
    @Test
    void aVersionWithoutAPublishedPerformanceShouldCaptureItFromItsFirstFinalWindows() {
        start(Map.of("capture-labels", 20), ModelCatalogue.of(List.of(HOUR_HORIZON)));
        for (int w = 0; w < 2; w++) {
            for (int i = 0; i < 10; i++) {
                PredictionEvent p = prediction("w" + w + "-" + i, Duration.ofSeconds(60L * w + i), (i + 0.5) / 10);
                send(p);
                send(label(p, i >= 3 ? "1" : "0", Duration.ofSeconds(60L * w + 30 + i)));
            }
        }
        PredictionEvent tick = prediction("tick", Duration.ofSeconds(200), 0.5);
        send(tick);
        assertThat(base()).allSatisfy(s -> assertThat(s.getEstimatedPerformance()).as("no reference yet").isNull());
        send(label(tick, "1", Duration.ofHours(2))); // the labels' clock passes windows 0 and 1's horizon: final

        PredictionEvent later = prediction("later", Duration.ofHours(3), 0.9);
        send(later);
        send(prediction("tick-2", Duration.ofHours(3).plusSeconds(200), 0.5));
        MetricSnapshot closed = base().stream().filter(s -> s.getWindowStart().equals(T0.plus(Duration.ofHours(3))))
                .findFirst().orElseThrow();
        Estimate accuracy = closed.getEstimatedPerformance().getAccuracy();
        assertThat(accuracy.getReference()).isCloseTo(0.8, within(1e-12));
        // Each window judged by the other's map: a step from 0 to 1 at score 0.35 calibrates perfectly, so it is kept,
        // and the one prediction at 0.9 is right with probability 1.
        assertThat(closed.getEstimatedPerformance().getCalibrated()).isTrue();
        assertThat(accuracy.getValue()).isEqualTo(1.0);
    }

    /**
     * A multiclass profile: class a's probability calibrated to 0.2 below 0.5 and 0.8 above, b's
     * and c's raw. {a 0.7, b 0.2, c 0.1} predicted a becomes {0.8, 0.2, 0.1} / 1.1, so a's
     * calibrated probability 0.7273 (bin midpoint 0.7275) is the expected hit; {a 0.1, b 0.3, c 0.6}
     * predicted c becomes {0.2, 0.3, 0.6} / 1.1, c's 0.5455 (midpoint 0.5455). Accuracy: their mean.
     */
    @Test
    void aMulticlassModelsEstimateShouldApplyThePublishedClassCalibrationsPerPrediction() {
        ReferencePerformance a = ReferencePerformance.newBuilder().setPositiveLabel("a").setSampleCount(100)
                .setPositiveRate(0.3).setRawCalibrationError(0.1).setAccuracy(0.8)
                .setCalibration(ScoreCalibration.newBuilder().setThresholds(List.of(0.0, 0.5))
                        .setProbabilities(List.of(0.2, 0.8)).build()).build();
        List<ReferencePerformance> classes = List.of(a, ReferencePerformance.newBuilder(a).setPositiveLabel("b")
                .setCalibration(null).build(), ReferencePerformance.newBuilder(a).setPositiveLabel("c").setCalibration(null)
                .build());
        profiles.pipeInput("churn/1", ReferenceProfile.newBuilder(profileWithPerformance("1")).setPerformance(null)
                .setTaskType(TaskType.MULTICLASS_CLASSIFICATION).setMulticlassPerformance(MulticlassReferencePerformance
                        .newBuilder().setSampleCount(100).setAccuracy(0.7).setClasses(classes).build()).build());
        send(multiclass("x", Duration.ofSeconds(1), "a", Map.of("a", 0.7, "b", 0.2, "c", 0.1)),
                multiclass("y", Duration.ofSeconds(2), "c", Map.of("a", 0.1, "b", 0.3, "c", 0.6)));
        send(prediction("tick", Duration.ofSeconds(200), 0.5));

        EstimatedPerformance estimated = base().get(0).getEstimatedPerformance();
        assertThat(estimated.getAverage()).isEqualTo("macro");
        assertThat(estimated.getCalibrated()).isTrue();
        assertThat(estimated.getAccuracy().getValue()).isCloseTo((0.7275 + 0.5455) / 2, within(1e-12));
        assertThat(estimated.getAccuracy().getStandardError()).isCloseTo(Math.sqrt(0.7 * 0.3 / 2), within(1e-12));
    }

    /**
     * Without a published profile, a multiclass version's first final windows are captured as its
     * reference too: two windows of ten labelled predictions of three classes, eight right each.
     */
    @Test
    void aMulticlassVersionWithoutAPublishedPerformanceShouldCaptureItFromItsFirstFinalWindows() {
        start(Map.of("capture-labels", 20), ModelCatalogue.of(List.of(HOUR_HORIZON)));
        String[] classes = {"a", "b", "c"};
        for (int w = 0; w < 2; w++) {
            for (int i = 0; i < 10; i++) {
                String predicted = classes[i % 3];
                PredictionEvent p = multiclass("w" + w + "-" + i, Duration.ofSeconds(60L * w + i), predicted,
                        Map.of(predicted, 0.8, classes[(i + 1) % 3], 0.15, classes[(i + 2) % 3], 0.05));
                send(p);
                send(label(p, i < 8 ? predicted : classes[(i + 1) % 3], Duration.ofSeconds(60L * w + 30 + i)));
            }
        }
        PredictionEvent tick = prediction("tick", Duration.ofSeconds(200), 0.5);
        send(tick);
        send(label(tick, "1", Duration.ofHours(2))); // the labels' clock passes windows 0 and 1's horizon: final

        send(multiclass("later", Duration.ofHours(3), "a", Map.of("a", 0.8, "b", 0.15, "c", 0.05)));
        send(prediction("tick-2", Duration.ofHours(3).plusSeconds(200), 0.5));
        EstimatedPerformance estimated = base().stream()
                .filter(s -> s.getWindowStart().equals(T0.plus(Duration.ofHours(3)))).findFirst().orElseThrow()
                .getEstimatedPerformance();
        assertThat(estimated.getAverage()).isEqualTo("macro");
        assertThat(estimated.getAccuracy().getReference()).isCloseTo(0.8, within(1e-12));
    }

    private static PredictionEvent multiclass(String id, Duration at, String predicted, Map<String, Double> probabilities) {
        return PredictionEvent.newBuilder(prediction(id, at, 0.5)).setScore(null).setPredictedLabel(predicted)
                .setClassProbabilities(probabilities).build();
    }

    /** A profile whose performance is for the wrong positive class gives no estimate (and a warning). */
    @Test
    void aReferenceForAnotherPositiveClassShouldGiveNoEstimate() {
        profiles.pipeInput("churn/1", profileWithPerformance("yes"));
        send(prediction("a", Duration.ofSeconds(1), 0.9));
        send(prediction("tick", Duration.ofSeconds(200), 0.5));
        assertThat(base().get(0).getEstimatedPerformance()).isNull();
    }

    private static ReferenceProfile profileWithPerformance(String positiveLabel) {
        return ReferenceProfile.newBuilder().setModelId("churn").setModelVersion("1")
                .setCreatedAt(T0).setSampleCount(100).setSource(ProfileSource.TRAINING_DATA).setTaskType(TaskType.BINARY_CLASSIFICATION)
                .setPerformance(ReferencePerformance.newBuilder().setPositiveLabel(positiveLabel).setSampleCount(100)
                        .setPositiveRate(0.5).setRawCalibrationError(0.1).setAccuracy(0.8)
                        .setCalibration(ScoreCalibration.newBuilder().setThresholds(List.of(0.0, 0.5))
                                .setProbabilities(List.of(0.25, 0.75)).build())
                        .build())
                .build();
    }

    private List<MetricSnapshot> base() {
        List<MetricSnapshot> all = snapshots.readValuesToList();
        horizons.addAll(all.stream().filter(s -> !s.getHorizon().equals("base")).toList());
        return all.stream().filter(s -> s.getHorizon().equals("base")).toList();
    }

    @Test
    void rollingHorizonsShouldMergeTheBaseWindowsTheyCover() {
        // A 3-minute horizon (buckets of 1 minute) over windows 0, 1, 2 with 1, 2 and 3 predictions.
        start(Map.of("horizons", List.of("3m")), ModelCatalogue.EMPTY);
        int id = 0;
        for (int w = 0; w < 3; w++) {
            for (int i = 0; i <= w; i++) {
                send(prediction("h" + id++, Duration.ofSeconds(60L * w + i), 0.7));
            }
        }
        send(prediction("tick", Duration.ofSeconds(4 * 60), 0.7)); // closes windows 0, 1 and 2
        assertThat(base()).extracting(MetricSnapshot::getPredictionCount).containsExactly(1L, 2L, 3L);
        assertThat(horizons).extracting(MetricSnapshot::getHorizon).containsOnly("3m");
        MetricSnapshot last = horizons.get(horizons.size() - 1);
        assertThat(last.getWindowStart()).isEqualTo(T0);
        assertThat(last.getWindowEnd()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
        assertThat(last.getPredictionCount()).isEqualTo(6);
    }

    @Test
    void openWindowsShouldBeSentAsProvisionalAtTheConfiguredInterval() {
        start(Map.of("provisional-interval", "5s"), ModelCatalogue.EMPTY);
        send(prediction("a", Duration.ofSeconds(10), 0.7), prediction("b", Duration.ofSeconds(11), 0.2));
        send(prediction("c", Duration.ofSeconds(12), 0.4)); // a second partial of the same window
        assertThat(base()).isEmpty();
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        List<MetricSnapshot> provisional = base();
        assertThat(provisional).hasSize(1);
        assertThat(provisional.get(0).getProvisional()).isTrue();
        assertThat(provisional.get(0).getPredictionCount()).isEqualTo(3);
        send(prediction("tick", Duration.ofSeconds(95), 0.7));
        assertThat(base()).extracting(MetricSnapshot::getProvisional).containsExactly(false);
    }

    @Test
    void anOpenSeriesMergedOnArrivalAsStoresBefore20261208HoldThemShouldCloseWithTheNewPartials() {
        WindowSummary earlier = new WindowSummary();
        earlier.addPrediction(prediction("x", Duration.ofSeconds(1), 0.9), "1");
        earlier.addPrediction(prediction("y", Duration.ofSeconds(2), 0.1), "1");
        WindowState merged = new WindowState("churn", "1", T0.toEpochMilli(), SegmentSeries.ALL, earlier);
        merged.lateRecords = 1;
        KeyValueStore<String, byte[]> windows = driver.getKeyValueStore(MetricsTopology.STORES.windows());
        windows.put(SliceKeys.key("o", T0.toEpochMilli(), "churn/1", SegmentSeries.ALL), merged.toBytes());

        send(prediction("a", Duration.ofSeconds(10), 0.7));
        send(prediction("tick", Duration.ofSeconds(91), 0.5));

        assertThat(base()).singleElement().satisfies(closed -> {
            assertThat(closed.getPredictionCount()).isEqualTo(3);
            assertThat(closed.getLateRecordCount()).isEqualTo(1);
        });
        assertThat(SliceKeys.due(windows, "o", Long.MAX_VALUE - 60_000)).isEmpty();
    }

    private double count(String name) {
        return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }
}
