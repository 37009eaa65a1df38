package io.driftwatch.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.driftwatch.schemas.registry.server.EmbeddedSchemaRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The serving thread's side: whatever the broker and the registry do, {@code log()} returns (a
 * hang guard, not a speed test: speed is PredictionLoggerBenchmark's) and nothing is thrown.
 */
class LoggersTest {

    private static final Duration HANG = Duration.ofSeconds(20);

    @Test
    void logShouldReturnAndNeverThrowWithTheBrokerAndTheRegistryDownDroppingWhatTheBufferCannotHold() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LoggerSettings settings = LoggerSettings.builder("127.0.0.1:1", "http://127.0.0.1:2").bufferCapacity(100)
                .meters(meters).build();
        PredictionLogger predictions = new PredictionLogger(settings);
        GroundTruthLogger labels = new GroundTruthLogger(settings);

        assertTimeoutPreemptively(HANG, () -> {
            for (int i = 0; i < 5_000; i++) {
                predictions.prediction("p" + i).model("churn", "3").numeric("tenure", i).categorical("plan", "pro")
                        .score(0.5).label("1").segment("country", "DE").latencyMs(3).log();
                labels.groundTruth("p" + i).model("churn").label("1").outcome("revenue", 9.5).log();
            }
        });
        // The buffer holds 100 and the sender one more, waiting for the registry.
        assertThat(predictions.dropped()).isBetween(4_899L, 4_900L);
        assertThat(labels.dropped()).isBetween(4_899L, 4_900L);
        assertThat(meters.get("driftwatch.client.dropped").tag("kind", "prediction").counter().count())
                .isEqualTo(predictions.dropped());
        assertTimeoutPreemptively(HANG, () -> {
            predictions.close(Duration.ofSeconds(2));
            labels.close(Duration.ofSeconds(2));
        });
        assertThat(predictions.prediction("late").model("churn", "3").score(0.1).log()).as("closed").isFalse();
    }

    @Test
    void logShouldReturnWithTheRegistryUpAndTheBrokerDown() {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().start()) {
            PredictionLogger predictions = new PredictionLogger(LoggerSettings.builder("127.0.0.1:1", registry.url())
                    .bufferCapacity(50).build());
            assertTimeoutPreemptively(HANG, () -> {
                for (int i = 0; i < 2_000; i++) {
                    predictions.prediction("p" + i).model("churn", "3").score(0.5).log();
                }
            });
            assertThat(predictions.dropped()).isPositive();
            assertTimeoutPreemptively(HANG, () -> predictions.close(Duration.ofSeconds(2)));
        }
    }

    @Test
    void anIncompleteEventShouldBeCountedNotThrown() {
        try (PredictionLogger predictions = new PredictionLogger(
                LoggerSettings.builder("127.0.0.1:1", "http://127.0.0.1:2").build())) {
            assertThat(predictions.prediction("p1").score(0.5).log()).as("no model").isFalse();
            assertThat(predictions.failed()).isEqualTo(1);
        }
    }

    @Test
    void samplingShouldKeepTheSameIdsEverywhereSoThatALabelFollowsItsPrediction() {
        int kept = 0;
        for (int i = 0; i < 10_000; i++) {
            boolean keeps = Sampling.keeps("req-" + i, 0.3);
            assertThat(Sampling.keeps("req-" + i, 0.3)).isEqualTo(keeps);
            kept += keeps ? 1 : 0;
        }
        assertThat(kept).isBetween(2_800, 3_200);
        assertThat(Sampling.keeps("anything", 1.0)).isTrue();
    }
}
