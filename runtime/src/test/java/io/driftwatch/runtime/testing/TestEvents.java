package io.driftwatch.runtime.testing;

import io.driftwatch.events.PredictionEvent;
import java.time.Instant;
import java.util.Map;

/** Deterministic sample events for tests. */
public final class TestEvents {

    private TestEvents() {
    }

    /** A binary-classification prediction whose feature values derive from {@code n}. */
    public static PredictionEvent prediction(String id, int n) {
        return PredictionEvent.newBuilder()
                .setPredictionId(id)
                .setModelId("propensity")
                .setModelVersion("1")
                .setEventTime(Instant.ofEpochMilli(1_790_000_000_000L + n * 1_000L))
                .setNumericFeatures(Map.of("basket_value", 10.0 + n, "visits_30d", (double) (n % 13)))
                .setCategoricalFeatures(Map.of("device", n % 2 == 0 ? "mobile" : "desktop"))
                .setScore((n % 100) / 100.0)
                .setPredictedLabel(n % 100 >= 50 ? "1" : "0")
                .setClassProbabilities(Map.of("1", (n % 100) / 100.0, "0", 1 - (n % 100) / 100.0))
                .setSegments(Map.of("country", n % 3 == 0 ? "DE" : "FR"))
                .setServingLatencyMs(5.0 + n % 7)
                .build();
    }
}
