package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.simulate.Scenario;
import io.driftwatch.app.simulate.ShopWorld;
import io.driftwatch.events.Alert;
import io.driftwatch.events.AlertState;
import io.driftwatch.events.Evidence;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.events.Severity;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoStoryTest {

    @BeforeAll
    static void trust() {
        TrustedAvroPackages.trustEvents();
    }

    private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

    private static MetricSnapshot window(int minute, long predictions) {
        return MetricSnapshot.newBuilder().setModelId(ShopWorld.PROPENSITY).setModelVersion("1")
                .setWindowStart(START.plus(Duration.ofMinutes(minute))).setWindowEnd(START.plus(Duration.ofMinutes(minute + 1)))
                .setEmittedAt(START).setPredictionCount(predictions).build();
    }

    private static String summaryAfter(long... windows) {
        StringWriter text = new StringWriter();
        DemoStory story = new DemoStory(new PrintWriter(text), START, Scenario.demo(Duration.ofHours(1)),
                ShopWorld.PROPENSITY, 500);
        for (int i = 0; i < windows.length; i++) {
            story.accept(window(i, windows[i]));
        }
        story.print(story.summary(100, 80, START.plus(Duration.ofHours(1)), 100, 0));
        return text.toString();
    }

    @Test
    void shouldSayWhyADriftWasNotDetectedWhenNoWindowWasLargeEnoughToTest() {
        assertThat(summaryAfter(30, 42, 12)).contains("data drift").contains("NOT DETECTED — no window was large enough "
                + "to test: the largest held 42 predictions, the drift detector needs 500 (drift.min-window-samples); "
                + "raise --rate or --duration");
    }

    private static Alert firing(String rule, int windowEndMinute) {
        Instant end = START.plus(Duration.ofMinutes(windowEndMinute));
        return Alert.newBuilder().setDedupeKey(rule).setModelId(ShopWorld.PROPENSITY).setModelVersion("1").setRuleId(rule)
                .setSeverity(Severity.WARNING).setState(AlertState.FIRING).setStartsAt(end).setSentAt(end).setNotification(1)
                .setSummary(rule).setEvidence(List.of(Evidence.newBuilder().setWindowStart(end.minus(Duration.ofMinutes(5)))
                        .setWindowEnd(end).setStatistic("estimated_accuracy").setValue(0.7).build()))
                .build();
    }

    @Test
    void shouldTellWhetherTheEstimatedAccuracyAlertCameBeforeTheRealisedOneAndCountOneInTheCleanPhaseAsFalse() {
        StringWriter text = new StringWriter();
        DemoStory story = new DemoStory(new PrintWriter(text), START, Scenario.demo(Duration.ofHours(1)),
                ShopWorld.PROPENSITY, 500);
        story.accept(MetricSnapshot.newBuilder(window(20, 5_000)).setWindowEnd(START.plus(Duration.ofMinutes(25)))
                .setLabelCoverage(0.0).build());
        story.accept(firing(DemoStory.ESTIMATED_RULE, 10)); // clean phase: the data drift starts at 20:00
        story.accept(firing(DemoStory.ESTIMATED_RULE, 25));
        story.accept(firing(DemoStory.REALISED_RULE, 30));
        DemoStory.Summary summary = story.summary(100, 80, START.plus(Duration.ofHours(1)), 100, 0);
        story.print(summary);

        assertThat(summary.estimation()).isEqualTo(new DemoStory.Estimation(START.plus(Duration.ofMinutes(25)), 0.0,
                START.plus(Duration.ofMinutes(30)), true));
        assertThat(summary.falseAlarms()).containsExactly("estimated accuracy low in purchase-propensity (window ending 10:10)");
        assertThat(text.toString()).contains("estimated accuracy: below its reference band in the window ending 10:25, "
                + "when it closed (labels then 0 %); the realised-accuracy alert followed for the window ending 10:30");
    }

    @Test
    void shouldGiveNoSuchReasonWhenWindowsWereLargeEnough() {
        assertThat(summaryAfter(800, 900)).contains("NOT DETECTED").doesNotContain("large enough");
    }
}
