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
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Estimated performance on the simulated shop under input shifts with the concept unchanged: 120
 * windows of 5 000 predictions each through the metric aggregator's own summary and calculator,
 * against the demo's reference profile, the realised accuracy and F1 from the 85 % of visits that
 * get a label (figures in docs/metrics.md).
 */
class EstimationCoverageTest {

    private static final int WINDOWS = 120;
    private static final int WINDOW_SIZE = 5_000;
    private static EstimationReference reference;

    @BeforeAll
    static void trainTheReference() {
        TrustedAvroPackages.trustEvents();
        reference = EstimationReference.of(DemoRun.trainingProfiles().get(0).getPerformance());
    }

    /** Older visitors and more ads traffic: inputs that weigh little in the concept. */
    @Test
    void realisedAccuracyAndF1ShouldFallInsideTheBandUnderAnInputShift() {
        Scenario.Phase shift = new Scenario.Phase("older-visitors-more-ads", Duration.ZERO,
                Map.of(ShopWorld.DAYS_SINCE_LAST_VISIT, new Scenario.NumericChange(3.0, 5.0)),
                Map.of(ShopWorld.TRAFFIC_SOURCE, Map.of("ads", 0.70, "search", 0.15, "email", 0.05, "direct", 0.10)), null);
        Coverage[] coverage = run(shift);
        assertThat(coverage[0].covered()).as("accuracy: %s", coverage[0]).isGreaterThanOrEqualTo(0.95);
        assertThat(coverage[0].meanAbsoluteError()).as("accuracy: %s", coverage[0]).isLessThanOrEqualTo(0.01);
        assertThat(coverage[1].covered()).as("F1: %s", coverage[1]).isGreaterThanOrEqualTo(0.95);
        assertThat(coverage[1].meanAbsoluteError()).as("F1: %s", coverage[1]).isLessThanOrEqualTo(0.01);
    }

    /**
     * The demo's shift also shortens sessions, into the region where the classifier is unsure: the
     * accuracy falls about 8 points and the estimate sees it, but optimistically by about a point —
     * the simulated score's noise is not a function of the inputs, so P(y | score) moves with them
     * (docs/metrics.md). Measured, not the ≥ 95 % target: the bound here only guards that bias.
     */
    @Test
    void theEstimateShouldSeeTheDemosAccuracyDropWithABiasOfAboutAPoint() {
        Coverage[] coverage = run(Scenario.demo(Duration.ofMinutes(60)).at(Duration.ofMinutes(25)));
        assertThat(coverage[0].meanEstimate()).as("accuracy: %s", coverage[0])
                .isLessThan(reference.performance().getAccuracy() - 0.05);
        assertThat(coverage[0].meanAbsoluteError()).as("accuracy: %s", coverage[0]).isLessThanOrEqualTo(0.015);
        assertThat(coverage[1].meanAbsoluteError()).as("F1: %s", coverage[1]).isLessThanOrEqualTo(0.02);
    }

    /** Accuracy's and F1's coverage over the windows of the shop under {@code phase}. */
    private static Coverage[] run(Scenario.Phase phase) {
        assertThat(phase.concept()).as("an input shift only").isNull();
        ShopWorld shop = new ShopWorld(11, "coverage");
        Coverage accuracy = new Coverage();
        Coverage f1 = new Coverage();
        Instant t = Instant.parse("2026-11-27T00:00:00Z");
        for (int w = 0; w < WINDOWS; w++) {
            WindowSummary summary = new WindowSummary();
            for (int i = 0; i < WINDOW_SIZE; i++) {
                ShopWorld.Visit v = shop.next((long) w * WINDOW_SIZE + i, t, phase);
                summary.addPrediction(v.propensity(), ShopWorld.POSITIVE);
                if (v.labelled()) {
                    summary.addLabeled(LabeledPrediction.newBuilder().setPrediction(v.propensity())
                            .setGroundTruth(v.propensityTruth()).setLabelDelayMs(1_000).setCorrection(false).build(),
                            ShopWorld.POSITIVE);
                }
            }
            MetricSnapshot snapshot = SnapshotCalculator.snapshot(summary, new SnapshotCalculator.Header(
                    ShopWorld.PROPENSITY, ShopWorld.MODEL_VERSION, "*", "base", 0, 1, 1, true, false, t, 0,
                    ShopWorld.POSITIVE, null), reference);
            EstimatedPerformance estimated = snapshot.getEstimatedPerformance();
            accuracy.add(estimated, EstimatedPerformance::getAccuracy);
            f1.add(estimated, EstimatedPerformance::getF1);
        }
        System.out.printf("Estimation under %s, %d windows of %,d: accuracy %s; F1 %s%n", phase.name(), WINDOWS,
                WINDOW_SIZE, accuracy, f1);
        return new Coverage[] {accuracy, f1};
    }

    /** How often the realised value fell in the band, and the mean absolute and mean signed estimation error. */
    private static final class Coverage {
        int windows;
        int inside;
        double absoluteErrors;
        double errors;
        double estimates;

        void add(EstimatedPerformance estimated, Function<EstimatedPerformance, Estimate> metric) {
            Estimate e = metric.apply(estimated);
            windows++;
            inside += e.getRealised() >= e.getLower() && e.getRealised() <= e.getUpper() ? 1 : 0;
            absoluteErrors += Math.abs(e.getError());
            errors += e.getError();
            estimates += e.getValue();
        }

        double meanEstimate() {
            return estimates / windows;
        }

        double covered() {
            return (double) inside / windows;
        }

        double meanAbsoluteError() {
            return absoluteErrors / windows;
        }

        @Override
        public String toString() {
            return String.format("mean estimate %.3f, inside the ±3 SE band in %.1f %% of windows, mean absolute error "
                    + "%.4f, mean error %+.4f", meanEstimate(), 100 * covered(), meanAbsoluteError(), errors / windows);
        }
    }
}
