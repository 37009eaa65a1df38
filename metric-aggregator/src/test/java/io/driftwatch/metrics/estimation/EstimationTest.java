package io.driftwatch.metrics.estimation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.events.ClassMetrics;
import io.driftwatch.events.ClassificationMetrics;
import io.driftwatch.events.ConfusionCell;
import io.driftwatch.events.EstimatedPerformance;
import io.driftwatch.events.ReferencePerformance;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Isotonic calibration, the reference's performance and a window's estimates against scikit-learn
 * and NumPy on the seeded cases of {@code estimation_cases.txt}. Reference values from
 * {@code cd metric-aggregator/src/test/resources && /usr/bin/python3 estimation_refs.py}
 * (Debian python3-sklearn 1.2.1, NumPy 1.24.2). Tolerance 1e-12: the same sums in another order.
 */
class EstimationTest {

    private static final double TOLERANCE = 1e-12;
    private static final EstimationCases CASES = EstimationCases.read();
    private static final List<double[]> ISOTONIC = CASES.isotonic();
    private static final List<double[]> REFERENCE = CASES.reference();
    private static final List<double[]> WINDOW = CASES.window();

    @BeforeAll
    static void trust() {
        TrustedAvroPackages.trustEvents();
    }

    @Test
    void isotonicFitShouldEqualScikitLearnWithTiesAndWeights() {
        double[] x = column(ISOTONIC, 0);
        IsotonicRegression.Fit fit = IsotonicRegression.fit(x, column(ISOTONIC, 1), column(ISOTONIC, 2));
        assertThat(fit.x()).hasSize(33).startsWith(0.5, 0.9).endsWith(9.4, 9.5);
        double[] expected = {0.08515965672872965, 0.08515965672872965, 0.08515965672872965, 0.08515965672872965,
                0.2655992626554817, 0.2655992626554817, 0.5649431881923465, 0.5649431881923465, 0.5649431881923465};
        for (int i = 0; i < expected.length; i++) {
            assertThat(fit.values()[i]).as("x = %s", fit.x()[i]).isCloseTo(expected[i], within(TOLERANCE));
        }
        for (int i = expected.length; i < fit.values().length; i++) {
            assertThat(fit.values()[i]).as("x = %s", fit.x()[i]).isCloseTo(0.6797921359339408, within(TOLERANCE));
        }
    }

    @Test
    void referenceShouldCalibrateAMiscalibratedScoreAndEqualScikitLearn() {
        ReferencePerformance r = reference();
        assertThat(r.getSampleCount()).isEqualTo(3000);
        assertThat(r.getPositiveRate()).isCloseTo(0.32766666666666666, within(TOLERANCE));
        assertThat(r.getRawCalibrationError()).isCloseTo(0.1679169523333333, within(TOLERANCE));
        assertThat(r.getCalibratedCalibrationError()).isCloseTo(0.0364536092436625, within(TOLERANCE));
        assertThat(r.getAccuracy()).isCloseTo(0.7573333333333333, within(TOLERANCE));
        assertThat(r.getPrecision()).isCloseTo(0.5878704341833219, within(TOLERANCE));
        assertThat(r.getRecall()).isCloseTo(0.8677517802644964, within(TOLERANCE));
        assertThat(r.getF1()).isCloseTo(0.7009038619556286, within(TOLERANCE));
        assertThat(r.getSpecificity()).isCloseTo(0.7035200793257312, within(TOLERANCE));
        // scikit-learn's roc_auc_score on the bin indices: ties count one half, as in the bins.
        assertThat(r.getRocAuc()).isCloseTo(0.8776669923150676, within(TOLERANCE));
        CalibrationMap map = CalibrationMap.of(r.getCalibration());
        assertThat(map.steps()).isEqualTo(31);
        assertThat(map.probability(0)).isEqualTo(0.0);
        assertThat(map.probability(500)).isCloseTo(0.22435897435897437, within(TOLERANCE));
        assertThat(map.probability(999)).isEqualTo(1.0);
    }

    @Test
    void referenceWithOneClassShouldKeepTheRawScores() {
        ReferencePerformanceBuilder builder = new ReferencePerformanceBuilder("1");
        for (double[] row : REFERENCE) {
            builder.add(row[0], row[2] == 1, "0");
        }
        ReferencePerformance r = builder.build();
        assertThat(r.getCalibration()).isNull();
        assertThat(r.getCalibratedCalibrationError()).isNull();
        assertThat(r.getRecall()).isNull();
        assertThat(r.getRocAuc()).isNull();
        assertThat(new ReferencePerformanceBuilder("1").build()).isNull();
    }

    @Test
    void calibratedWindowEstimatesShouldEqualNumPy() {
        EstimatedPerformance e = PerformanceEstimator.estimate(window(), EstimationReference.of(reference()), null, null);
        assertThat(e.getCalibrated()).isTrue();
        assertThat(e.getAccuracy().getValue()).isCloseTo(0.7319080292978336, within(TOLERANCE));
        assertThat(e.getPrecision().getValue()).isCloseTo(0.3865572057120071, within(TOLERANCE));
        assertThat(e.getRecall().getValue()).isCloseTo(0.6293800449075306, within(TOLERANCE));
        assertThat(e.getSpecificity().getValue()).isCloseTo(0.7568662907594582, within(TOLERANCE));
        assertThat(e.getF1().getValue()).isCloseTo(0.4789496424941381, within(TOLERANCE));
        assertThat(e.getAccuracy().getStandardError()).isCloseTo(0.015156663367787928, within(TOLERANCE));
        assertThat(e.getPrecision().getStandardError()).isCloseTo(0.03082390126829799, within(TOLERANCE));
        assertThat(e.getRecall().getStandardError()).isCloseTo(0.02706899809977106, within(TOLERANCE));
        assertThat(e.getSpecificity().getStandardError()).isCloseTo(0.01800534114979655, within(TOLERANCE));
        assertThat(e.getF1().getStandardError()).isCloseTo(0.023771526807139863, within(TOLERANCE));
        assertThat(e.getRocAuc().getStandardError()).isCloseTo(0.01841409184122239, within(TOLERANCE));
        // Pairs ordered by the raw score in NumPy; the bins are off by at most half the pairs sharing a bin.
        assertThat(e.getRocAuc().getValue()).isCloseTo(0.8046014348561764, within(0.0009911286255980041));
        assertThat(e.getAccuracy().getLower()).isCloseTo(0.7319080292978336 - 3 * 0.015156663367787928, within(TOLERANCE));
        assertThat(e.getAccuracy().getReference()).isCloseTo(0.7573333333333333, within(TOLERANCE));
        assertThat(e.getAccuracy().getRealised()).isNull();
        assertThat(e.getBusinessValue()).as("no cost matrix").isNull();
    }

    @Test
    void businessValueShouldApplyTheCostMatrixToTheExpectedOutcomesUnclipped() {
        EstimatedPerformance e = PerformanceEstimator.estimate(window(), EstimationReference.of(reference()), null,
                new CostMatrix(10, -2, -5, 0));
        assertThat(e.getBusinessValue().getValue()).isCloseTo(0.4782959117340838, within(TOLERANCE));
        assertThat(e.getBusinessValue().getStandardError()).isCloseTo(0.1780098873658427, within(TOLERANCE));
        assertThat(e.getBusinessValue().getReference()).isCloseTo(2.228, within(TOLERANCE));
        assertThat(e.getBusinessValue().getLower()).isCloseTo(0.4782959117340838 - 3 * 0.1780098873658427, within(TOLERANCE));
    }

    @Test
    void rawWindowEstimatesShouldEqualNumPy() {
        ReferencePerformance uncalibrated = ReferencePerformance.newBuilder(reference()).setCalibration(null).build();
        EstimatedPerformance e = PerformanceEstimator.estimate(window(), EstimationReference.of(uncalibrated), null, null);
        assertThat(e.getCalibrated()).isFalse();
        // Without a calibration each score counts as its bin's midpoint.
        assertThat(e.getAccuracy().getValue()).isCloseTo(0.6686, within(TOLERANCE));
        assertThat(e.getPrecision().getValue()).isCloseTo(0.6077274509803922, within(TOLERANCE));
        assertThat(e.getRecall().getValue()).isCloseTo(0.484190513683329, within(TOLERANCE));
        assertThat(e.getSpecificity().getValue()).isCloseTo(0.7915787214625192, within(TOLERANCE));
        assertThat(e.getF1().getValue()).isCloseTo(0.5389706483312204, within(TOLERANCE));
        assertThat(e.getRecall().getStandardError()).isCloseTo(0.018935478969557825, within(TOLERANCE));
        assertThat(e.getF1().getStandardError()).isCloseTo(0.020520573440851002, within(TOLERANCE));
        assertThat(e.getRocAuc().getStandardError()).isCloseTo(0.0134715404342187, within(TOLERANCE));
        assertThat(e.getRocAuc().getValue()).isCloseTo(0.7350929288267934, within(0.0010909643635891265));
    }

    @Test
    void realisedMetricsShouldStandBesideTheEstimates() {
        List<ConfusionCell> cells = List.of(cell("1", "1", 6), cell("0", "1", 2), cell("1", "0", 1), cell("0", "0", 1));
        ClassificationMetrics realised = ClassificationMetrics.newBuilder().setConfusion(cells).setAccuracy(0.70)
                .setPerClass(Map.of("1", ClassMetrics.newBuilder().setPrecision(0.4).setRecall(0.6).setF1(0.48)
                        .setSupport(10).build()))
                .setSpecificity(0.75).setRocAuc(0.8).build();
        EstimatedPerformance e = PerformanceEstimator.estimate(window(), EstimationReference.of(reference()), realised,
                new CostMatrix(10, -2, -5, 0));
        assertThat(e.getAccuracy().getRealised()).isEqualTo(0.70);
        assertThat(e.getAccuracy().getError()).isCloseTo(0.70 - 0.7319080292978336, within(TOLERANCE));
        assertThat(e.getPrecision().getRealised()).isEqualTo(0.4);
        assertThat(e.getF1().getError()).isCloseTo(0.48 - 0.4789496424941381, within(TOLERANCE));
        assertThat(e.getRocAuc().getRealised()).isEqualTo(0.8);
        assertThat(e.getBusinessValue().getRealised()).isCloseTo((6 * 10 - 2 * 2 - 5 * 1) / 10.0, within(TOLERANCE));
    }

    private static ConfusionCell cell(String actual, String predicted, long count) {
        return ConfusionCell.newBuilder().setActual(actual).setPredicted(predicted).setCount(count).build();
    }

    @Test
    void tallyShouldMergeAndSurviveItsBytesLikeOneTallyOfEveryRow() throws IOException {
        ScoreTally whole = window();
        ScoreTally[] parts = {new ScoreTally(), new ScoreTally(), new ScoreTally()};
        for (int i = 0; i < WINDOW.size(); i++) {
            parts[i % 3].add(WINDOW.get(i)[0], WINDOW.get(i)[1] == 1);
        }
        ScoreTally merged = roundTrip(parts[1]);
        merged.merge(roundTrip(parts[0]));
        merged.merge(parts[2]);
        merged.merge(roundTrip(new ScoreTally()));
        for (int bin = 0; bin < ScoreBins.COUNT; bin++) {
            for (boolean positive : new boolean[] {true, false}) {
                assertThat(merged.rows(bin, positive)).isEqualTo(whole.rows(bin, positive));
            }
        }
        assertThat(roundTrip(new ScoreTally()).isEmpty()).isTrue();
        ScoreTally large = new ScoreTally();
        for (int i = 0; i < 300_000; i++) {
            large.add(0.9995, false); // the last bin, a count of three variable-length bytes
        }
        assertThat(roundTrip(large).rows(ScoreBins.COUNT - 1, false)).isEqualTo(300_000);
    }

    private static ScoreTally roundTrip(ScoreTally tally) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        tally.write(new DataOutputStream(bytes));
        return ScoreTally.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }

    private static ReferencePerformance reference() {
        ReferencePerformanceBuilder builder = new ReferencePerformanceBuilder("1");
        for (double[] row : REFERENCE) {
            builder.add(row[0], row[2] == 1, row[1] == 1 ? "1" : "0");
        }
        return builder.build();
    }

    private static ScoreTally window() {
        ScoreTally tally = new ScoreTally();
        for (double[] row : WINDOW) {
            tally.add(row[0], row[1] == 1);
        }
        return tally;
    }

    private static double[] column(List<double[]> rows, int column) {
        return rows.stream().mapToDouble(r -> r[column]).toArray();
    }
}
