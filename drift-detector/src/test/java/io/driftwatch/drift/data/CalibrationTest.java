package io.driftwatch.drift.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.schemas.serde.TrustedAvroPackages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded calibration of the data-drift decisions at a size CI can afford ({@link DriftSimulation}:
 * 20 standard-normal and 5 categorical features, a 20 000-row reference, windows sketched in four
 * partitions): each method alone keeps its per-feature false alarms within 1.5 × α on stationary
 * windows of 500 and 5 000, the defaults call almost no stationary window dataset drift, and they
 * catch the issue's shifts. The full tables, up to windows of 100 000, come from
 * {@code DriftCalibrationReport} (docs/drift.md).
 */
class CalibrationTest {

    private static final double ALPHA = 0.05;
    private static final int WINDOWS = 60;

    @BeforeAll
    static void trustEventClasses() {
        TrustedAvroPackages.trustEvents();
    }

    @Test
    void everyMethodShouldHoldItsFalseAlarmsNearAlphaAtSmallAndLargeWindows() {
        DriftSimulation simulation = new DriftSimulation(1, 20, 5, 20_000, 4);
        DriftThresholds noMinimum = new DriftThresholds(ALPHA, 1_000, 0, 0, 0);
        for (int size : new int[] {500, 5_000}) {
            int[] alarms = new int[DriftSimulation.NUMERIC_METHODS.size() + DriftSimulation.CATEGORICAL_METHODS.size()];
            int datasetAlarms = 0;
            for (int w = 0; w < WINDOWS; w++) {
                DriftSimulation.Window window = simulation.window(size, 0, 0);
                int[] flagged = window.alarms(noMinimum);
                for (int m = 0; m < alarms.length; m++) {
                    alarms[m] += flagged[m];
                }
                datasetAlarms += window.defaults().datasetDrift() ? 1 : 0;
            }
            for (int m = 0; m < alarms.length; m++) {
                boolean numeric = m < DriftSimulation.NUMERIC_METHODS.size();
                double rate = alarms[m] / (double) (WINDOWS * (numeric ? simulation.numeric() : simulation.categorical()));
                System.out.printf("calibration: %d-value windows, %s method %d: false alarms %.3f%n", size,
                        numeric ? "numeric" : "categorical", m, rate);
                assertThat(rate).as("method %d at %d values", m, size).isLessThanOrEqualTo(1.5 * ALPHA);
            }
            assertThat(datasetAlarms).as("dataset false alarms at %d values", size).isZero();
        }
    }

    @Test
    void theDefaultsShouldCatchTheShiftsTheIssueNames() {
        DriftSimulation simulation = new DriftSimulation(2, 20, 5, 20_000, 4);
        int quarterSigma = 0;
        int halfSigma = 0;
        int categoryShare = 0;
        for (int w = 0; w < WINDOWS; w++) {
            quarterSigma += simulation.window(5_000, 0.25, 0).defaults().features().get(0).drifted() ? 1 : 0;
            halfSigma += simulation.window(1_000, 0.5, 0).defaults().features().get(0).drifted() ? 1 : 0;
            categoryShare += simulation.window(5_000, 0, 0.05).defaults().features().get(simulation.numeric())
                    .drifted() ? 1 : 0;
        }
        System.out.printf("calibration: caught 0.25 sigma at 5000 in %d, 0.5 sigma at 1000 in %d, "
                + "a share +5 points at 5000 in %d of %d windows%n", quarterSigma, halfSigma, categoryShare, WINDOWS);
        assertThat(quarterSigma).isGreaterThanOrEqualTo(57); // ≥ 95 %
        assertThat(halfSigma).isGreaterThanOrEqualTo(57);
        assertThat(categoryShare).isGreaterThanOrEqualTo(57);
    }

    /** Tails, not 1 − CDF: only a p-value below the smallest double (about 1e-308) becomes 0. */
    @Test
    void aStatisticFarPastItsThresholdShouldKeepARankableNonZeroPValue() {
        DriftSimulation simulation = new DriftSimulation(3, 2, 1, 20_000, 4);
        DriftSimulation.Window shifted = simulation.window(20_000, 0.2, 0.05);
        DriftThresholds noMinimum = new DriftThresholds(ALPHA, 1_000, 0, 0, 0);
        for (DriftMethod method : DriftSimulation.NUMERIC_METHODS) {
            FeatureVerdict verdict = shifted.numeric(0, noMinimum, method);
            assertThat(verdict.pValue()).as(method.reportName()).isPositive().isLessThan(1e-10);
            assertThat(verdict.score()).as(method.reportName()).isGreaterThan(1);
        }
        assertThat(shifted.categorical(0, noMinimum, DriftMethod.CHI_SQUARE).pValue())
                .isPositive().isLessThan(1e-10);
    }
}
