package io.driftwatch.metrics.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.events.ClassificationMetrics;
import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.RegressionMetrics;
import io.driftwatch.metrics.estimation.ScoreBins;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every metric against scikit-learn on the seeded cases of {@code metrics_cases.txt}. The
 * reference values come from
 * {@code cd metric-aggregator/src/test/resources && /usr/bin/python3 metrics_refs.py}
 * (Debian python3-sklearn 1.2.1). Each case is summarised in three parts merged in a shuffled
 * order, so the merge is checked on the way.
 */
class SnapshotCalculatorTest {

    private static final List<String[]> BINARY = new ArrayList<>();
    private static final List<String[]> MULTI = new ArrayList<>();
    private static final List<String[]> REGRESSION = new ArrayList<>();

    @BeforeAll
    static void readCases() throws IOException {
        TrustedAvroPackages.trustEvents();
        try (InputStream in = SnapshotCalculatorTest.class.getResourceAsStream("/metrics_cases.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.trim().split(" ");
                (f[0].equals("B") ? BINARY : f[0].equals("M") ? MULTI : REGRESSION).add(f);
            }
        }
    }

    private static LabeledPrediction labeled(String actualLabel, String predictedLabel, Double score,
                                             Map<String, Double> probabilities, Double actualValue) {
        PredictionEvent prediction = PredictionEvent.newBuilder().setPredictionId("p").setModelId("m")
                .setModelVersion("1").setEventTime(Instant.EPOCH).setNumericFeatures(Map.of())
                .setCategoricalFeatures(Map.of()).setScore(score).setPredictedLabel(predictedLabel)
                .setClassProbabilities(probabilities).build();
        GroundTruthEvent truth = GroundTruthEvent.newBuilder().setPredictionId("p").setModelId("m")
                .setEventTime(Instant.EPOCH).setActualLabel(actualLabel).setActualValue(actualValue).build();
        return LabeledPrediction.newBuilder().setPrediction(prediction).setGroundTruth(truth).setLabelDelayMs(1_000)
                .setCorrection(false).build();
    }

    /** Three partial summaries (records dealt round-robin), merged 2, 0, 1 after a round trip through bytes. */
    private static WindowSummary merged(List<LabeledPrediction> records, String positive) {
        WindowSummary[] parts = {new WindowSummary(), new WindowSummary(), new WindowSummary()};
        for (int i = 0; i < records.size(); i++) {
            parts[i % 3].addPrediction(records.get(i).getPrediction(), "1");
            parts[i % 3].addLabeled(records.get(i), positive);
        }
        WindowSummary whole = WindowSummary.fromBytes(parts[2].toBytes());
        whole.merge(WindowSummary.fromBytes(parts[0].toBytes()));
        whole.merge(parts[1]);
        return whole;
    }

    private static MetricSnapshot snapshot(WindowSummary summary) {
        return SnapshotCalculator.snapshot(summary, new SnapshotCalculator.Header("m", "1", "*", "base", 0, 60_000, 0, true,
                false, Instant.EPOCH, 0, "1", null), null);
    }

    @Test
    void binaryClassificationShouldMatchScikitLearn() {
        List<LabeledPrediction> records = new ArrayList<>();
        for (String[] f : BINARY) {
            records.add(labeled(f[1], f[2], Double.parseDouble(f[3]), Map.of(), null));
        }
        MetricSnapshot snapshot = snapshot(merged(records, "1"));
        ClassificationMetrics c = snapshot.getClassification();
        assertThat(snapshot.getPredictionCount()).isEqualTo(200);
        assertThat(snapshot.getLabeledCount()).isEqualTo(200);
        assertThat(c.getAccuracy()).isCloseTo(0.735, within(1e-12));
        assertThat(c.getPerClass().get("1").getPrecision()).isCloseTo(0.7475728155339806, within(1e-12));
        assertThat(c.getPerClass().get("1").getRecall()).isCloseTo(0.7403846153846154, within(1e-12));
        assertThat(c.getPerClass().get("1").getF1()).isCloseTo(0.7439613526570048, within(1e-12));
        assertThat(c.getSensitivity()).isCloseTo(0.7403846153846154, within(1e-12));
        assertThat(c.getSpecificity()).isCloseTo(0.7291666666666666, within(1e-12));
        assertThat(c.getMacroF1()).isCloseTo(0.7346749768466372, within(1e-12));
        assertThat(c.getLogLoss()).isCloseTo(0.4626515835558111, within(1e-12));
        assertThat(c.getBrier()).isCloseTo(0.153552005, within(1e-12));
        // ROC AUC from 1 000-bin histograms: within half the share of (positive, negative) pairs sharing a bin.
        assertThat(c.getRocAuc()).isCloseTo(0.8580228365384616, within(aucBound(records) + 1e-12));
    }

    /** The documented error bound of the histogram AUC on these records. */
    private static double aucBound(List<LabeledPrediction> records) {
        Map<Integer, long[]> bins = new HashMap<>();
        long positives = 0;
        long negatives = 0;
        for (LabeledPrediction r : records) {
            boolean positive = r.getGroundTruth().getActualLabel().equals("1");
            int bin = ScoreBins.of(r.getPrediction().getScore());
            bins.computeIfAbsent(bin, b -> new long[2])[positive ? 0 : 1]++;
            if (positive) {
                positives++;
            } else {
                negatives++;
            }
        }
        double shared = bins.values().stream().mapToDouble(b -> (double) b[0] * b[1]).sum();
        return 0.5 * shared / ((double) positives * negatives);
    }

    @Test
    void multiclassClassificationShouldMatchScikitLearn() {
        List<LabeledPrediction> records = new ArrayList<>();
        for (String[] f : MULTI) {
            Map<String, Double> probabilities = Map.of("0", Double.parseDouble(f[3]), "1", Double.parseDouble(f[4]),
                    "2", Double.parseDouble(f[5]));
            records.add(labeled(f[1], f[2], null, probabilities, null));
        }
        ClassificationMetrics c = snapshot(merged(records, null)).getClassification();
        assertThat(c.getAccuracy()).isCloseTo(0.6333333333333333, within(1e-12));
        assertThat(c.getMacroPrecision()).isCloseTo(0.6323717948717948, within(1e-12));
        assertThat(c.getMacroRecall()).isCloseTo(0.6372523081163015, within(1e-12));
        assertThat(c.getMacroF1()).isCloseTo(0.6320007438085017, within(1e-12));
        assertThat(c.getMicroF1()).isCloseTo(0.6333333333333333, within(1e-12));
        assertThat(c.getPerClass().get("0").getF1()).isCloseTo(0.6470588235294118, within(1e-12));
        assertThat(c.getPerClass().get("1").getF1()).isCloseTo(0.6422018348623852, within(1e-12));
        assertThat(c.getPerClass().get("2").getF1()).isCloseTo(0.6067415730337078, within(1e-12));
        assertThat(c.getLogLoss()).isCloseTo(0.8236607848239272, within(1e-12));
        assertThat(c.getRocAuc()).isNull();
        assertThat(c.getConfusion().stream().mapToLong(cell -> cell.getCount()).sum()).isEqualTo(150);
    }

    @Test
    void regressionShouldMatchScikitLearn() {
        List<LabeledPrediction> records = new ArrayList<>();
        for (String[] f : REGRESSION) {
            records.add(labeled(null, null, Double.parseDouble(f[2]), Map.of(), Double.parseDouble(f[1])));
        }
        RegressionMetrics r = snapshot(merged(records, null)).getRegression();
        assertThat(r.getMae()).isCloseTo(3.9935083333333328, within(1e-9));
        assertThat(r.getRmse()).isCloseTo(5.112104689688321, within(1e-9));
        assertThat(r.getMape()).isCloseTo(0.2313603257154687, within(1e-9));
        assertThat(r.getMapeSkipped()).isEqualTo(8);
        assertThat(r.getBias()).isCloseTo(1.910174999999999, within(1e-9));
        assertThat(r.getR2()).isCloseTo(0.9586667586416483, within(1e-9));
    }
}
