package io.driftwatch.metrics.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.events.Estimate;
import io.driftwatch.events.EstimatedPerformance;
import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.MulticlassReferencePerformance;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.ReferencePerformance;
import io.driftwatch.metrics.estimation.ClassCalibrations;
import io.driftwatch.metrics.estimation.EstimationReference;
import io.driftwatch.metrics.estimation.MulticlassReferenceBuilder;
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
                new EstimationReference(null, null, reference)).getEstimatedPerformance();

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
