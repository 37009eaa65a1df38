package io.driftwatch.metrics.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.events.Estimate;
import io.driftwatch.events.EstimatedPerformance;
import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.MulticlassReferencePerformance;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.ReferencePerformance;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.TaskType;
import io.driftwatch.metrics.estimation.ClassCalibrations;
import io.driftwatch.metrics.estimation.EstimationReference;
import io.driftwatch.metrics.estimation.MulticlassReferenceBuilder;
import io.driftwatch.metrics.estimation.ReferencePerformanceBuilder;
import io.driftwatch.metrics.estimation.ScoreBins;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Multiclass estimation end to end on seeded rows: the reference's one-vs-rest calibrations and
 * metrics, then a window's predictions through the class tallies of three partial summaries into
 * the snapshot's macro estimates. Reference values from scikit-learn and NumPy:
 * {@code cd metric-aggregator/src/test/resources && /usr/bin/python3 multiclass_estimation_refs.py}.
 */
class MulticlassEstimationTest {

    private static final String[] CLASSES = {"a", "b", "c"};
    private static final double EXACT = 1e-12;
    private static final List<String[]> REFERENCE = new ArrayList<>();
    private static final List<String[]> WINDOW = new ArrayList<>();

    @BeforeAll
    static void readCases() throws IOException {
        TrustedAvroPackages.trustEvents();
        try (InputStream in = MulticlassEstimationTest.class.getResourceAsStream("/multiclass_estimation_cases.txt");
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] f = line.split(" ");
                (f[0].equals("R") ? REFERENCE : WINDOW).add(f);
            }
        }
    }

    /** Fields: kind, probability of a, b and c, actual class, predicted class. */
    private static Map<String, Double> probabilities(String[] f) {
        return Map.of(CLASSES[0], Double.parseDouble(f[1]), CLASSES[1], Double.parseDouble(f[2]),
                CLASSES[2], Double.parseDouble(f[3]));
    }

    private static MulticlassReferencePerformance reference() {
        MulticlassReferenceBuilder builder = new MulticlassReferenceBuilder();
        for (String[] f : REFERENCE) {
            builder.add(probabilities(f), f[5], f[4]);
        }
        return builder.build();
    }

    @Test
    void theReferenceShouldHoldEachClassesOneVsRestMetricsAndCalibration() {
        MulticlassReferencePerformance reference = reference();

        assertThat(reference.getSampleCount()).isEqualTo(3000);
        assertThat(reference.getAccuracy()).isCloseTo(0.6916666666666667, within(EXACT));
        assertThat(reference.getClasses()).extracting(ReferencePerformance::getPositiveLabel).containsExactly(CLASSES);
        ReferencePerformance a = reference.getClasses().get(0);
        assertThat(a.getRawCalibrationError()).isCloseTo(0.08116838900000001, within(EXACT));
        assertThat(a.getCalibratedCalibrationError()).isCloseTo(0.04120761971314055, within(EXACT));
        assertThat(a.getPrecision()).isCloseTo(0.6930792377131394, within(EXACT));
        assertThat(a.getRecall()).isCloseTo(0.6903096903096904, within(EXACT));
        assertThat(a.getSpecificity()).isCloseTo(0.8469234617308654, within(EXACT));
        assertThat(a.getRocAuc()).isCloseTo(0.8530374078147965, within(EXACT));
        ReferencePerformance c = reference.getClasses().get(2);
        assertThat(c.getCalibratedCalibrationError()).isCloseTo(0.0344021922711288, within(EXACT));
        assertThat(c.getF1()).isCloseTo(0.6953086419753086, within(EXACT));
        assertThat(reference.getClasses()).allSatisfy(r -> assertThat(r.getCalibration()).as(r.getPositiveLabel())
                .isNotNull());
    }

    @Test
    void aWindowsMacroEstimatesShouldEqualNumPysSumsOverItsCalibratedRenormalisedProbabilities() {
        MulticlassReferencePerformance reference = reference();
        ClassCalibrations calibrations = ClassCalibrations.of(reference);
        WindowSummary[] parts = {new WindowSummary(), new WindowSummary(), new WindowSummary()};
        for (int i = 0; i < WINDOW.size(); i++) {
            LabeledPrediction labeled = labeled(WINDOW.get(i));
            parts[i % 3].addPrediction(labeled.getPrediction(), "1", calibrations);
            parts[i % 3].addLabeled(labeled, "1");
        }
        WindowSummary whole = WindowSummary.fromBytes(parts[2].toBytes());
        whole.merge(WindowSummary.fromBytes(parts[0].toBytes()));
        whole.merge(parts[1]);

        EstimatedPerformance e = SnapshotCalculator.snapshot(whole, new SnapshotCalculator.Header("m", "1", "*", "base",
                0, 60_000, 0, true, false, Instant.EPOCH, 0, "1", null),
                EstimationReference.of(profile(reference))).getEstimatedPerformance();

        assertThat(e.getAverage()).isEqualTo("macro");
        assertThat(e.getCalibrated()).isTrue();
        assertThat(e.getBusinessValue()).isNull();
        expect(e.getAccuracy(), 0.7251077777777778, 0.015393501113886012, 0.6916666666666667, 0.6288888888888889);
        expect(e.getPrecision(), 0.7242233840895534, 0.01549782292441324, 0.6917490900331159, 0.6123414096835695);
        expect(e.getRecall(), 0.722186890725157, 0.01544668259188607, 0.6916714650047985, 0.6302455324578969);
        expect(e.getF1(), 0.7228792495179777, 0.012659023374213025, 0.6916371032978689, 0.6127438808836961);
        expect(e.getSpecificity(), 0.8618099179794133, 0.008521383246211024, 0.8458346405003269, 0.8171211823367264);
        expect(e.getRocAuc(), 0.8824692376395523, 0.00849925032509686, 0.856284771831947, null);
    }

    /** A captured reference: the class tallies hold the raw probabilities, and its maps apply at the merge. */
    @Test
    void aCapturedReferenceShouldEqualTheRowByRowOneOnTheSameFoldsAndCalibrateTheTalliesWhenEstimating() {
        WindowSummary[] windows = new WindowSummary[ReferencePerformanceBuilder.FOLDS];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = new WindowSummary();
        }
        for (int i = 0; i < REFERENCE.size(); i++) {
            windows[i % windows.length].addLabeled(labeled(REFERENCE.get(i)), "1");
        }
        ReferenceCapture capture = new ReferenceCapture();
        for (WindowSummary window : windows) {
            assertThat(ReferenceCapture.holdsScoredLabels(window)).isTrue();
            capture.add(window);
        }
        capture = ReferenceCapture.fromBytes(capture.toBytes());
        assertThat(capture.labelled()).isEqualTo(REFERENCE.size());
        assertThat(capture.build("1")).as("no score: not a binary capture").isNull();

        MulticlassReferencePerformance expected = reference();
        MulticlassReferencePerformance captured = capture.buildMulticlass();
        assertThat(captured.getSampleCount()).isEqualTo(expected.getSampleCount());
        assertThat(captured.getAccuracy()).isEqualTo(expected.getAccuracy());
        for (int c = 0; c < CLASSES.length; c++) {
            ReferencePerformance want = expected.getClasses().get(c);
            ReferencePerformance got = captured.getClasses().get(c);
            assertThat(got.getPositiveLabel()).isEqualTo(want.getPositiveLabel());
            assertThat(got.getF1()).isEqualTo(want.getF1());
            assertThat(got.getSpecificity()).isEqualTo(want.getSpecificity());
            assertThat(got.getCalibration()).isEqualTo(want.getCalibration());
            assertThat(got.getCalibratedCalibrationError()).isCloseTo(want.getCalibratedCalibrationError(), within(EXACT));
        }

        // Raw probabilities tallied, calibrated by class at the merge: one prediction of class a.
        WindowSummary window = new WindowSummary();
        window.addPrediction(labeled(WINDOW.get(0)).getPrediction(), "1", ClassCalibrations.of(null));
        EstimationReference reference = EstimationReference.captured(captured);
        EstimatedPerformance e = SnapshotCalculator.snapshot(window, new SnapshotCalculator.Header("m", "1", "*", "base",
                0, 60_000, 0, false, false, Instant.EPOCH, 0, "1", null), reference).getEstimatedPerformance();
        String predicted = WINDOW.get(0)[5];
        Map<String, Double> raw = probabilities(WINDOW.get(0));
        double sum = raw.values().stream().mapToDouble(Double::doubleValue).sum();
        double expectedHit = reference.classMaps().get(predicted).probability(ScoreBins.of(raw.get(predicted) / sum));
        assertThat(e.getAccuracy().getValue()).isCloseTo(expectedHit, within(EXACT));
    }

    private static ReferenceProfile profile(MulticlassReferencePerformance performance) {
        return ReferenceProfile.newBuilder().setModelId("m").setModelVersion("1").setCreatedAt(Instant.EPOCH)
                .setSampleCount(3000).setSource(ProfileSource.TRAINING_DATA).setTaskType(TaskType.MULTICLASS_CLASSIFICATION)
                .setMulticlassPerformance(performance).build();
    }

    private static void expect(Estimate estimate, double value, double standardError, double reference, Double realised) {
        assertThat(estimate.getValue()).isCloseTo(value, within(EXACT));
        assertThat(estimate.getStandardError()).isCloseTo(standardError, within(EXACT));
        assertThat(estimate.getReference()).isCloseTo(reference, within(EXACT));
        if (realised == null) {
            assertThat(estimate.getRealised()).isNull();
        } else {
            assertThat(estimate.getRealised()).isCloseTo(realised, within(EXACT));
        }
    }

    private static LabeledPrediction labeled(String[] f) {
        PredictionEvent prediction = PredictionEvent.newBuilder().setPredictionId("p").setModelId("m")
                .setModelVersion("1").setEventTime(Instant.EPOCH).setNumericFeatures(Map.of())
                .setCategoricalFeatures(Map.of()).setPredictedLabel(f[5]).setClassProbabilities(probabilities(f)).build();
        GroundTruthEvent truth = GroundTruthEvent.newBuilder().setPredictionId("p").setModelId("m")
                .setEventTime(Instant.EPOCH).setActualLabel(f[4]).build();
        return LabeledPrediction.newBuilder().setPrediction(prediction).setGroundTruth(truth).setLabelDelayMs(1_000)
                .setCorrection(false).build();
    }
}
