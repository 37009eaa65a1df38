package io.driftwatch.metrics.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.ReferencePerformance;
import io.driftwatch.metrics.estimation.EstimationCases;
import io.driftwatch.metrics.estimation.ReferencePerformanceBuilder;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A capture from window summaries against the row-by-row builder on the same rows in the same
 * folds (the reference rows of {@code estimation_cases.txt}, row i in window i mod 5): the same
 * realised metrics and calibration; only the raw score's calibration error differs, by the bins'
 * midpoints standing in for the scores.
 */
class ReferenceCaptureTest {

    @BeforeAll
    static void trust() {
        TrustedAvroPackages.trustEvents();
    }

    @Test
    void aCaptureShouldEqualTheRowByRowReferenceOnTheSameFolds() {
        List<double[]> rows = referenceRows();
        ReferencePerformanceBuilder byRow = new ReferencePerformanceBuilder("1");
        WindowSummary[] windows = new WindowSummary[ReferencePerformanceBuilder.FOLDS];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = new WindowSummary();
        }
        for (int i = 0; i < rows.size(); i++) {
            double score = rows.get(i)[0];
            String actual = rows.get(i)[1] == 1 ? "1" : "0";
            String predicted = rows.get(i)[2] == 1 ? "1" : "0";
            byRow.add(score, predicted.equals("1"), actual);
            windows[i % windows.length].addLabeled(labeled(i, score, predicted, actual), "1");
        }
        ReferenceCapture capture = new ReferenceCapture();
        for (WindowSummary window : windows) {
            capture.add(window);
        }
        capture = ReferenceCapture.fromBytes(capture.toBytes());
        assertThat(capture.labelled()).isEqualTo(rows.size());

        ReferencePerformance expected = byRow.build();
        ReferencePerformance captured = capture.build("1");
        assertThat(captured.getSampleCount()).isEqualTo(expected.getSampleCount());
        assertThat(captured.getAccuracy()).isEqualTo(expected.getAccuracy());
        assertThat(captured.getF1()).isEqualTo(expected.getF1());
        assertThat(captured.getRocAuc()).isCloseTo(expected.getRocAuc(), within(1e-12));
        assertThat(captured.getCalibration()).isEqualTo(expected.getCalibration());
        assertThat(captured.getCalibratedCalibrationError()).isCloseTo(expected.getCalibratedCalibrationError(), within(1e-12));
        assertThat(captured.getRawCalibrationError()).isCloseTo(expected.getRawCalibrationError(), within(0.0005));
    }

    @Test
    void aCaptureOfOneWindowShouldKeepTheRawScoresForNothingCanJudgeACalibration() {
        WindowSummary window = new WindowSummary();
        List<double[]> rows = referenceRows();
        for (int i = 0; i < rows.size(); i++) {
            window.addLabeled(labeled(i, rows.get(i)[0], rows.get(i)[2] == 1 ? "1" : "0", rows.get(i)[1] == 1 ? "1" : "0"),
                    "1");
        }
        assertThat(ReferenceCapture.holdsScoredLabels(window)).isTrue();
        assertThat(ReferenceCapture.holdsScoredLabels(new WindowSummary())).isFalse();
        ReferenceCapture capture = new ReferenceCapture();
        capture.add(window);
        ReferencePerformance captured = capture.build("1");
        assertThat(captured.getCalibration()).isNull();
        assertThat(captured.getCalibratedCalibrationError()).isNull();
        assertThat(captured.getSampleCount()).isEqualTo(rows.size());
    }

    @Test
    void labelsOfMoreThanTwoClassesShouldCaptureNothing() {
        WindowSummary window = new WindowSummary();
        window.addLabeled(labeled(0, 0.9, "a", "b"), "a");
        window.addLabeled(labeled(1, 0.2, "c", "c"), "a");
        ReferenceCapture capture = new ReferenceCapture();
        capture.add(window);
        assertThat(capture.build("a")).isNull();
    }

    private static LabeledPrediction labeled(int i, double score, String predicted, String actual) {
        PredictionEvent p = PredictionEvent.newBuilder().setPredictionId("p" + i).setModelId("m").setModelVersion("1")
                .setEventTime(Instant.EPOCH).setNumericFeatures(Map.of()).setCategoricalFeatures(Map.of())
                .setScore(score).setPredictedLabel(predicted).build();
        GroundTruthEvent truth = GroundTruthEvent.newBuilder().setPredictionId("p" + i).setModelId("m")
                .setEventTime(Instant.EPOCH).setActualLabel(actual).build();
        return LabeledPrediction.newBuilder().setPrediction(p).setGroundTruth(truth).setLabelDelayMs(0)
                .setCorrection(false).build();
    }

    /** Score, actual (1 positive), predicted (1 positive): the reference rows of estimation_refs.py. */
    private static List<double[]> referenceRows() {
        return EstimationCases.read().reference();
    }
}
