package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.simulate.Scenario;
import io.driftwatch.app.simulate.ShopWorld;
import io.driftwatch.events.Estimate;
import io.driftwatch.events.EstimatedPerformance;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.metrics.estimation.EstimationReference;
import io.driftwatch.metrics.summary.SnapshotCalculator;
import io.driftwatch.metrics.summary.WindowSummary;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Estimated performance on the simulated shop under an input shift with the concept unchanged:
 * 120 windows of 5 000 predictions through the metric aggregator's own summary and calculator,
 * against the demo's reference profile. The realised accuracy and F1 (from the 85 % of visits
 * that get a label) must fall inside the estimate's ±3 SE band in at least 95 % of the windows,
 * and the mean absolute estimation error must stay at or below 0.01 (docs/metrics.md).
 */
class EstimationCoverageTest {

    private static final int WINDOWS = 120;
    private static final int WINDOW_SIZE = 5_000;
    private static EstimationReference reference;

    @BeforeAll
    static void trainTheReference() {
        TrustedAvroPackages.trustEvents();
        reference = EstimationReference.of(DemoCommand.trainingProfiles().get(0).getPerformance());
    }

    @Test
    void realisedAccuracyAndF1ShouldFallInsideTheBandUnderTheDemosInputShift() {
        Scenario.Phase shifted = Scenario.demo(Duration.ofMinutes(60)).at(Duration.ofMinutes(25));
        assertThat(shifted.concept()).as("an input shift only").isNull();
        ShopWorld shop = new ShopWorld(11, "coverage");
        Coverage accuracy = new Coverage();
        Coverage f1 = new Coverage();
        Instant t = Instant.parse("2026-11-27T00:00:00Z");
        for (int w = 0; w < WINDOWS; w++) {
            WindowSummary summary = new WindowSummary();
            for (int i = 0; i < WINDOW_SIZE; i++) {
                ShopWorld.Visit v = shop.next((long) w * WINDOW_SIZE + i, t, shifted);
                summary.addPrediction(v.propensity(), ShopWorld.POSITIVE);
                if (v.labelled()) {
                    summary.addLabeled(LabeledPrediction.newBuilder().setPrediction(v.propensity())
                            .setGroundTruth(v.propensityTruth()).setLabelDelayMs(1_000).setCorrection(false).build(),
                            ShopWorld.POSITIVE);
                }
            }
            MetricSnapshot snapshot = SnapshotCalculator.snapshot(summary, new SnapshotCalculator.Header(
                    ShopWorld.PROPENSITY, ShopWorld.MODEL_VERSION, "*", "base", 0, 1, 1, true, false, t, 0,
                    ShopWorld.POSITIVE), reference);
            EstimatedPerformance estimated = snapshot.getEstimatedPerformance();
            accuracy.add(estimated, EstimatedPerformance::getAccuracy);
            f1.add(estimated, EstimatedPerformance::getF1);
        }
        System.out.printf("Estimation under the demo's input shift, %d windows of %,d: accuracy %s; F1 %s%n", WINDOWS,
                WINDOW_SIZE, accuracy, f1);
        assertThat(accuracy.covered()).as("accuracy: %s", accuracy).isGreaterThanOrEqualTo(0.95);
        assertThat(accuracy.meanAbsoluteError()).as("accuracy: %s", accuracy).isLessThanOrEqualTo(0.01);
        assertThat(f1.covered()).as("F1: %s", f1).isGreaterThanOrEqualTo(0.95);
        assertThat(f1.meanAbsoluteError()).as("F1: %s", f1).isLessThanOrEqualTo(0.01);
    }

    /** How often the realised value fell in the band, and the mean absolute and mean signed estimation error. */
    private static final class Coverage {
        int windows;
        int inside;
        double absoluteErrors;
        double errors;

        void add(EstimatedPerformance estimated, Function<EstimatedPerformance, Estimate> metric) {
            Estimate e = metric.apply(estimated);
            windows++;
            inside += e.getRealised() >= e.getLower() && e.getRealised() <= e.getUpper() ? 1 : 0;
            absoluteErrors += Math.abs(e.getError());
            errors += e.getError();
        }

        double covered() {
            return (double) inside / windows;
        }

        double meanAbsoluteError() {
            return absoluteErrors / windows;
        }

        @Override
        public String toString() {
            return String.format("inside the ±3 SE band in %.1f %% of windows, mean absolute error %.4f, mean error %+.4f",
                    100 * covered(), meanAbsoluteError(), errors / windows);
        }
    }
}
