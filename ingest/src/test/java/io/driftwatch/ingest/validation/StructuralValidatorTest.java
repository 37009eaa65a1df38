package io.driftwatch.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StructuralValidatorTest {

    @BeforeAll
    static void trustEventClasses() {
        TrustedAvroPackages.trustEvents();
    }

    private static final long NOW = 1_800_000_000_000L;
    private final StructuralValidator validator = new StructuralValidator(Duration.ofMinutes(5));

    private static PredictionEvent.Builder prediction() {
        return PredictionEvent.newBuilder().setPredictionId("p").setModelId("m").setModelVersion("1")
                .setEventTime(Instant.ofEpochMilli(NOW)).setScore(0.5);
    }

    private static GroundTruthEvent.Builder truth() {
        return GroundTruthEvent.newBuilder().setPredictionId("p").setModelId("m").setEventTime(Instant.ofEpochMilli(NOW));
    }

    private Optional<String> check(PredictionEvent.Builder event, TaskType task) {
        return validator.check(event.build(), task, NOW).map(Rejection::code);
    }

    private Optional<String> check(GroundTruthEvent.Builder event, TaskType task) {
        return validator.check(event.build(), task, NOW).map(Rejection::code);
    }

    @Test
    void shouldAcceptAPredictionWithAScoreOrALabelOrProbabilities() {
        assertThat(check(prediction(), TaskType.UNKNOWN)).isEmpty();
        assertThat(check(prediction().setScore(null).setPredictedLabel("a"), TaskType.UNKNOWN)).isEmpty();
        assertThat(check(prediction().setScore(null).setClassProbabilities(Map.of("a", 1.0)), TaskType.UNKNOWN)).isEmpty();
    }

    @Test
    void shouldNameTheFirstStructuralProblem() {
        assertThat(check(prediction().setPredictionId(""), TaskType.UNKNOWN)).contains("missing-prediction-id");
        assertThat(check(prediction().setModelId(""), TaskType.UNKNOWN)).contains("missing-model-id");
        assertThat(check(prediction().setModelVersion(" "), TaskType.UNKNOWN)).contains("missing-model-version");
        assertThat(check(prediction().setScore(null), TaskType.UNKNOWN)).contains("missing-prediction");
        assertThat(check(prediction().setScore(Double.NaN), TaskType.UNKNOWN)).contains("non-finite-score");
    }

    @Test
    void shouldRequireTheOutputTheTaskNeeds() {
        assertThat(check(prediction().setScore(null).setPredictedLabel("a"), TaskType.REGRESSION))
                .contains("prediction-does-not-fit-task");
        assertThat(check(prediction(), TaskType.MULTICLASS_CLASSIFICATION)).contains("prediction-does-not-fit-task");
        assertThat(check(prediction(), TaskType.BINARY_CLASSIFICATION)).isEmpty();
        assertThat(check(truth().setActualLabel("a"), TaskType.REGRESSION)).contains("actual-does-not-fit-task");
        assertThat(check(truth().setActualValue(3.0), TaskType.BINARY_CLASSIFICATION)).contains("actual-does-not-fit-task");
        assertThat(check(truth().setActualValue(3.0), TaskType.REGRESSION)).isEmpty();
    }

    @Test
    void shouldCheckGroundTruthOutcomes() {
        assertThat(check(truth(), TaskType.UNKNOWN)).contains("missing-actual");
        assertThat(check(truth().setActualValue(Double.POSITIVE_INFINITY), TaskType.UNKNOWN)).contains("non-finite-actual");
        assertThat(check(truth().setActualLabel("x").setPredictionId(""), TaskType.UNKNOWN)).contains("missing-prediction-id");
    }

    @Test
    void shouldAllowExactlyTheSkewIntoTheFuture() {
        Instant limit = Instant.ofEpochMilli(NOW).plus(Duration.ofMinutes(5));
        assertThat(check(prediction().setEventTime(limit), TaskType.UNKNOWN)).isEmpty();
        assertThat(check(prediction().setEventTime(limit.plusMillis(1)), TaskType.UNKNOWN)).contains("future-event-time");
        assertThat(check(truth().setActualLabel("a").setEventTime(limit.plusMillis(1)), TaskType.UNKNOWN))
                .contains("future-event-time");
        assertThat(check(prediction().setEventTime(Instant.EPOCH), TaskType.UNKNOWN)).as("the past is fine").isEmpty();
    }
}
