package io.driftwatch.metrics.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.QualityIssue;
import io.driftwatch.events.QualityIssueKind;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Merging is associative and commutative: however a window's records are split into partials
 * and in whatever order and grouping the partials merge, the exact metrics are the same, and the
 * sketched ones stay within their rank error. Seeded random splits, 20 repetitions.
 */
class WindowSummaryMergeTest {

    @BeforeAll
    static void trust() {
        TrustedAvroPackages.trustEvents();
    }

    @RepeatedTest(20)
    void anySplitAndMergeOrderShouldGiveTheSameMetrics(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        List<LabeledPrediction> records = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            records.add(record(random, i));
        }
        MetricSnapshot whole = snapshot(summary(records));

        int parts = 2 + random.nextInt(6);
        List<WindowSummary> partials = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            partials.add(new WindowSummary());
        }
        for (LabeledPrediction r : records) {
            WindowSummary part = partials.get(random.nextInt(parts));
            part.addPrediction(r.getPrediction(), "1");
            part.addLabeled(r, "1");
        }
        Collections.shuffle(partials, random);
        // ((a + b) + c) + … in one order, and a + (b + (c + …)) after a round trip through bytes in another
        WindowSummary left = WindowSummary.fromBytes(partials.get(0).toBytes());
        partials.subList(1, parts).forEach(left::merge);
        Collections.shuffle(partials, random);
        WindowSummary right = WindowSummary.fromBytes(partials.get(parts - 1).toBytes());
        for (int p = parts - 2; p >= 0; p--) {
            WindowSummary next = WindowSummary.fromBytes(partials.get(p).toBytes());
            next.merge(right);
            right = next;
        }
        for (MetricSnapshot merged : List.of(snapshot(left), snapshot(right))) {
            assertThat(merged.getPredictionCount()).isEqualTo(whole.getPredictionCount());
            assertThat(merged.getLabeledCount()).isEqualTo(whole.getLabeledCount());
            assertThat(merged.getClassification().getConfusion()).isEqualTo(whole.getClassification().getConfusion());
            assertThat(merged.getClassification().getAccuracy()).isEqualTo(whole.getClassification().getAccuracy());
            assertThat(merged.getClassification().getRocAuc()).isEqualTo(whole.getClassification().getRocAuc());
            assertThat(merged.getClassification().getLogLoss()).isCloseTo(whole.getClassification().getLogLoss(),
                    within(1e-12));
            assertThat(merged.getBusinessKpis()).isEqualTo(whole.getBusinessKpis());
            assertThat(merged.getDataQuality()).isEqualTo(whole.getDataQuality());
            assertThat(merged.getPredictedClassShares()).isEqualTo(whole.getPredictedClassShares());
            // KLL: the merged median's rank among the exact scores is within the sketch's rank error.
            double median = merged.getScoreQuantiles().get("p50");
            long below = records.stream().filter(r -> r.getPrediction().getScore() < median).count();
            assertThat(below / 2_000.0).isBetween(0.5 - 0.0165, 0.5 + 0.0165);
        }
    }

    /** A summary stored before the score tally (format 1: the same fields, no tally) still reads, with an empty tally. */
    @Test
    void aSummaryStoredBeforeTheScoreTallyShouldStillRead() {
        WindowSummary labelsOnly = new WindowSummary();
        List<LabeledPrediction> records = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 50; i++) {
            records.add(record(random, i));
        }
        records.forEach(r -> labelsOnly.addLabeled(r, "1"));
        byte[] current = labelsOnly.toBytes();
        byte[] formatOne = Arrays.copyOf(current, current.length - 1); // the empty tally is one byte
        formatOne[0] = 1;
        WindowSummary read = WindowSummary.fromBytes(formatOne);
        assertThat(read.tally().isEmpty()).isTrue();
        assertThat(snapshot(read)).isEqualTo(snapshot(labelsOnly));
    }

    private static WindowSummary summary(List<LabeledPrediction> records) {
        WindowSummary summary = new WindowSummary();
        for (LabeledPrediction r : records) {
            summary.addPrediction(r.getPrediction(), "1");
            summary.addLabeled(r, "1");
        }
        return summary;
    }

    private static MetricSnapshot snapshot(WindowSummary summary) {
        return SnapshotCalculator.snapshot(summary, new SnapshotCalculator.Header("m", "1", "*", "base", 0, 60_000, 0,
                true, false, Instant.EPOCH, 0, "1", null), null);
    }

    private static LabeledPrediction record(Random random, int i) {
        double score = random.nextDouble();
        PredictionEvent prediction = PredictionEvent.newBuilder().setPredictionId("p" + i).setModelId("m")
                .setModelVersion("1").setEventTime(Instant.EPOCH).setNumericFeatures(Map.of())
                .setCategoricalFeatures(Map.of()).setScore(score).setPredictedLabel(score >= 0.5 ? "1" : "0")
                .setServingLatencyMs(random.nextDouble() * 50)
                .setQualityIssues(random.nextInt(10) == 0 ? List.of(QualityIssue.newBuilder().setFeature("f")
                        .setKind(QualityIssueKind.OUT_OF_RANGE).build()) : List.of())
                .build();
        GroundTruthEvent truth = GroundTruthEvent.newBuilder().setPredictionId("p" + i).setModelId("m")
                .setEventTime(Instant.EPOCH).setActualLabel(random.nextDouble() < score ? "1" : "0")
                .setOutcomes(Map.of("clicked", (double) random.nextInt(2))).build();
        return LabeledPrediction.newBuilder().setPrediction(prediction).setGroundTruth(truth)
                .setLabelDelayMs(random.nextInt(60_000)).setCorrection(false).build();
    }
}
