package io.driftwatch.ingest;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.PredictionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Events for ingest tests, built around a fixed instant so that time-based rules are exact. */
final class IngestEvents {

    /** The wall clock of the test driver; events happen a day before it unless a test says otherwise. */
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final Instant T0 = NOW.minus(Duration.ofDays(1));

    private IngestEvents() {
    }

    static PredictionEvent.Builder prediction(String id) {
        return PredictionEvent.newBuilder()
                .setPredictionId(id)
                .setModelId("propensity")
                .setModelVersion("1")
                .setEventTime(T0)
                .setNumericFeatures(new HashMap<>(Map.of("basket_value", 42.0)))
                .setCategoricalFeatures(new HashMap<>(Map.of("device", "mobile")))
                .setScore(0.7)
                .setPredictedLabel("1")
                .setSegments(Map.of("country", "DE"));
    }

    static GroundTruthEvent.Builder groundTruth(String id, Instant eventTime) {
        return GroundTruthEvent.newBuilder()
                .setPredictionId(id)
                .setModelId("propensity")
                .setEventTime(eventTime)
                .setActualLabel("1")
                .setOutcomes(Map.of("revenue", 12.5));
    }
}
