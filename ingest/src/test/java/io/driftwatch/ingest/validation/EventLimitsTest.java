package io.driftwatch.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventLimitsTest {

    private final EventLimits limits = EventLimits.DEFAULTS;

    @BeforeAll
    static void trustEventClasses() {
        TrustedAvroPackages.trustEvents();
    }

    private static PredictionEvent.Builder prediction() {
        return PredictionEvent.newBuilder().setPredictionId("p").setModelId("m").setModelVersion("1")
                .setEventTime(Instant.EPOCH).setScore(0.5);
    }

    private Optional<String> check(PredictionEvent.Builder event) {
        return limits.check(event.build()).map(Rejection::code);
    }

    @Test
    void shouldAcceptTheWidestEventWithinEveryBound() {
        Map<String, Double> numeric = new HashMap<>();
        Map<String, String> categorical = new HashMap<>();
        for (int i = 0; i < 250; i++) {
            numeric.put(String.format("n%0127d", i), 1.0);
            categorical.put(String.format("c%0127d", i), "v".repeat(256));
        }
        assertThat(check(prediction().setPredictionId("i".repeat(256)).setModelId("m".repeat(128))
                .setNumericFeatures(numeric).setCategoricalFeatures(categorical))).isEmpty();
    }

    @Test
    void shouldNameTheBoundAnEventBreaks() {
        Map<String, Double> tooMany = new HashMap<>();
        for (int i = 0; i < 501; i++) {
            tooMany.put("f" + i, 1.0);
        }
        assertThat(check(prediction().setNumericFeatures(tooMany))).contains("too-many-features");
        assertThat(check(prediction().setPredictionId("i".repeat(257)))).contains("id-too-long");
        assertThat(check(prediction().setModelVersion("v".repeat(129)))).contains("name-too-long");
        assertThat(check(prediction().setNumericFeatures(Map.of("n".repeat(129), 1.0)))).contains("name-too-long");
        assertThat(check(prediction().setPredictedLabel("l".repeat(257)))).contains("value-too-long");
        assertThat(check(prediction().setSegments(Map.of("country", "x".repeat(257))))).contains("value-too-long");
        assertThat(check(prediction().setCategoricalFeatures(Map.of("device", "bad \uFFFD")))).contains("invalid-utf8");
        assertThat(limits.checkSize(256 * 1024 + 1).map(Rejection::code)).contains("event-too-large");
        assertThat(limits.checkSize(256 * 1024)).isEmpty();
        Map<String, Double> outcomes = new HashMap<>();
        for (int i = 0; i < 101; i++) {
            outcomes.put("o" + i, 1.0);
        }
        GroundTruthEvent truth = GroundTruthEvent.newBuilder().setPredictionId("p").setModelId("m")
                .setEventTime(Instant.EPOCH).setActualLabel("1").setOutcomes(outcomes).build();
        assertThat(limits.check(truth).map(Rejection::code)).contains("too-many-entries");
    }

    @Test
    void shouldSayWhichNamesMayBecomeTags() {
        assertThat(limits.acceptsName("propensity")).isTrue();
        assertThat(limits.acceptsName("m".repeat(129))).isFalse();
        assertThat(limits.acceptsName(null)).isFalse();
    }
}
