package io.driftwatch.ingest.validation;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.TaskType;
import io.driftwatch.ingest.validation.Rejection.Reason;
import java.time.Duration;
import java.util.Optional;

/**
 * The checks whose failure makes an event unusable, so that it is dead-lettered rather than
 * flagged: missing identifiers, no model output (or no actual outcome), an output that does not
 * fit the model's task, and an event time further in the future than the allowed clock skew.
 */
public final class StructuralValidator {

    private final long maxFutureSkewMs;

    public StructuralValidator(Duration maxFutureSkew) {
        this.maxFutureSkewMs = maxFutureSkew.toMillis();
    }

    /** @param nowMs the wall clock, against which the event time may be at most the skew ahead */
    public Optional<Rejection> check(PredictionEvent event, TaskType task, long nowMs) {
        if (isBlank(event.getPredictionId())) {
            return reject(Reason.MISSING_PREDICTION_ID, "prediction_id is empty");
        }
        if (isBlank(event.getModelId())) {
            return reject(Reason.MISSING_MODEL_ID, "model_id is empty");
        }
        if (isBlank(event.getModelVersion())) {
            return reject(Reason.MISSING_MODEL_VERSION, "model_version is empty");
        }
        Double score = event.getScore();
        boolean hasLabel = !isBlank(event.getPredictedLabel());
        if (score == null && !hasLabel && event.getClassProbabilities().isEmpty()) {
            return reject(Reason.MISSING_PREDICTION, "the prediction has neither a score nor a label");
        }
        if (score != null && !Double.isFinite(score)) {
            return reject(Reason.NON_FINITE_SCORE, "score is NaN or infinite");
        }
        if (task == TaskType.REGRESSION && score == null) {
            return reject(Reason.PREDICTION_DOES_NOT_FIT_TASK, "a regression model's prediction needs a score");
        }
        if (task == TaskType.MULTICLASS_CLASSIFICATION && !hasLabel && event.getClassProbabilities().isEmpty()) {
            return reject(Reason.PREDICTION_DOES_NOT_FIT_TASK,
                    "a multiclass model's prediction needs a predicted_label or class_probabilities");
        }
        return checkTime(event.getEventTime().toEpochMilli(), nowMs);
    }

    public Optional<Rejection> check(GroundTruthEvent event, TaskType task, long nowMs) {
        if (isBlank(event.getPredictionId())) {
            return reject(Reason.MISSING_PREDICTION_ID, "prediction_id is empty");
        }
        if (isBlank(event.getModelId())) {
            return reject(Reason.MISSING_MODEL_ID, "model_id is empty");
        }
        Double value = event.getActualValue();
        boolean hasLabel = !isBlank(event.getActualLabel());
        if (value == null && !hasLabel) {
            return reject(Reason.MISSING_ACTUAL, "the ground truth has neither an actual_label nor an actual_value");
        }
        if (value != null && !Double.isFinite(value)) {
            return reject(Reason.NON_FINITE_ACTUAL, "actual_value is NaN or infinite");
        }
        if (task == TaskType.REGRESSION && value == null) {
            return reject(Reason.ACTUAL_DOES_NOT_FIT_TASK, "a regression model's ground truth needs an actual_value");
        }
        if ((task == TaskType.BINARY_CLASSIFICATION || task == TaskType.MULTICLASS_CLASSIFICATION) && !hasLabel) {
            return reject(Reason.ACTUAL_DOES_NOT_FIT_TASK, "a classification model's ground truth needs an actual_label");
        }
        return checkTime(event.getEventTime().toEpochMilli(), nowMs);
    }

    private Optional<Rejection> checkTime(long eventTimeMs, long nowMs) {
        long ahead = eventTimeMs - nowMs;
        if (ahead > maxFutureSkewMs) {
            return reject(Reason.FUTURE_EVENT_TIME, "event_time is " + ahead + " ms ahead of the wall clock; at most "
                    + maxFutureSkewMs + " ms is allowed");
        }
        return Optional.empty();
    }

    private static Optional<Rejection> reject(Reason reason, String message) {
        return Optional.of(new Rejection(reason, message));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
