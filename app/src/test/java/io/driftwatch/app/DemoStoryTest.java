package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.simulate.Scenario;
import io.driftwatch.app.simulate.ShopWorld;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
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

    @Test
    void shouldGiveNoSuchReasonWhenWindowsWereLargeEnough() {
        assertThat(summaryAfter(800, 900)).contains("NOT DETECTED").doesNotContain("large enough");
    }
}
