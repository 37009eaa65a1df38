package io.driftwatch.ingest.validation;

import java.util.Locale;

/**
 * Why an event cannot enter the pipeline: it goes to the dead-letter topic with {@link #code()}
 * as its reason. The message describes the problem without quoting the record's content.
 */
public record Rejection(Reason reason, String message) {

    public enum Reason {
        MISSING_PREDICTION_ID,
        MISSING_MODEL_ID,
        MISSING_MODEL_VERSION,
        /** A prediction with neither a score nor a label. */
        MISSING_PREDICTION,
        /** A prediction whose output does not fit the model's declared task (e.g. regression without a score). */
        PREDICTION_DOES_NOT_FIT_TASK,
        NON_FINITE_SCORE,
        /** A ground truth with neither an actual label nor an actual value. */
        MISSING_ACTUAL,
        ACTUAL_DOES_NOT_FIT_TASK,
        NON_FINITE_ACTUAL,
        FUTURE_EVENT_TIME,
        // The bounds of EventLimits:
        EVENT_TOO_LARGE,
        TOO_MANY_FEATURES,
        TOO_MANY_ENTRIES,
        ID_TOO_LONG,
        NAME_TOO_LONG,
        VALUE_TOO_LONG,
        INVALID_UTF8;

        /** The dead-letter reason header: the name in kebab case, e.g. {@code missing-model-id}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public String code() {
        return reason.code();
    }
}
