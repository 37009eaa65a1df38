package io.driftwatch.ingest.validation;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.ingest.validation.Rejection.Reason;
import java.util.Map;
import java.util.Optional;

/**
 * Bounds an event must keep to enter the pipeline, checked before anything else: an event that
 * breaks one is dead-lettered with the bound's name, so that nothing that passes can make a
 * downstream summary, state entry or changelog record outgrow Kafka's record size. The defaults
 * are far above what a model's serving app sends (docs/ingest.md).
 *
 * @param maxEventBytes     encoded size of the record's value
 * @param maxFeatures       numeric plus categorical features of a prediction
 * @param maxEntries        entries of every other map: class probabilities, segments, outcomes
 * @param maxIdLength       characters of a prediction id
 * @param maxNameLength     characters of a model id, a model version, and every map key (feature, class, segment, outcome)
 * @param maxValueLength    characters of a category, a segment value and a label
 */
public record EventLimits(int maxEventBytes, int maxFeatures, int maxEntries, int maxIdLength, int maxNameLength,
                          int maxValueLength) {

    public static final EventLimits DEFAULTS = new EventLimits(256 * 1024, 500, 100, 256, 128, 256);

    /** U+FFFD: what Avro's decoder puts where the bytes of a string were not UTF-8. */
    private static final char REPLACEMENT = '\uFFFD';

    public Optional<Rejection> check(PredictionEvent event) {
        int features = event.getNumericFeatures().size() + event.getCategoricalFeatures().size();
        if (features > maxFeatures) {
            return reject(Reason.TOO_MANY_FEATURES, features + " features; at most " + maxFeatures + " are accepted");
        }
        return firstOf(
                id(event.getPredictionId()),
                name("model_id", event.getModelId()),
                name("model_version", event.getModelVersion()),
                value("predicted_label", event.getPredictedLabel()),
                keys("numeric_features", event.getNumericFeatures()),
                keysAndValues("categorical_features", event.getCategoricalFeatures()),
                entries("class_probabilities", event.getClassProbabilities()),
                entries("segments", event.getSegments()));
    }

    public Optional<Rejection> check(GroundTruthEvent event) {
        return firstOf(
                id(event.getPredictionId()),
                name("model_id", event.getModelId()),
                value("actual_label", event.getActualLabel()),
                entries("outcomes", event.getOutcomes()));
    }

    /** True for a model id (or another name) that may become a meter tag or a store key. */
    public boolean acceptsName(String name) {
        return name != null && name(name, name).isEmpty();
    }

    /** Checked on the raw bytes, before decoding. */
    public Optional<Rejection> checkSize(int bytes) {
        return bytes > maxEventBytes
                ? reject(Reason.EVENT_TOO_LARGE, bytes + " bytes; at most " + maxEventBytes + " are accepted")
                : Optional.empty();
    }

    private Optional<Rejection> id(String id) {
        return text("prediction_id", id, maxIdLength, Reason.ID_TOO_LONG);
    }

    private Optional<Rejection> name(String field, String name) {
        return text(field, name, maxNameLength, Reason.NAME_TOO_LONG);
    }

    private Optional<Rejection> value(String field, String value) {
        return text(field, value, maxValueLength, Reason.VALUE_TOO_LONG);
    }

    private Optional<Rejection> entries(String field, Map<String, ?> map) {
        if (map.size() > maxEntries) {
            return reject(Reason.TOO_MANY_ENTRIES, field + " has " + map.size() + " entries; at most " + maxEntries
                    + " are accepted");
        }
        return keysAndValues(field, map);
    }

    /** The keys of a map are names; its values, where strings, are values. */
    private Optional<Rejection> keysAndValues(String field, Map<String, ?> map) {
        Optional<Rejection> keys = keys(field, map);
        if (keys.isPresent()) {
            return keys;
        }
        for (Object v : map.values()) {
            if (v instanceof String s && !fits(s, maxValueLength)) {
                return value(field + " value", s);
            }
        }
        return Optional.empty();
    }

    /** Checked per key without building the field's name, which only a rejection needs. */
    private Optional<Rejection> keys(String field, Map<String, ?> map) {
        for (String key : map.keySet()) {
            if (!fits(key, maxNameLength)) {
                return name(field + " name", key);
            }
        }
        return Optional.empty();
    }

    private static boolean fits(String text, int maxLength) {
        return text.length() <= maxLength && text.indexOf(REPLACEMENT) < 0;
    }

    private static Optional<Rejection> text(String field, String text, int maxLength, Reason tooLong) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.length() > maxLength) {
            return reject(tooLong, "a " + field + " of " + text.length() + " characters; at most " + maxLength
                    + " are accepted");
        }
        if (text.indexOf(REPLACEMENT) >= 0) {
            return reject(Reason.INVALID_UTF8, "a " + field + " holds bytes that are not UTF-8");
        }
        return Optional.empty();
    }

    @SafeVarargs
    private static Optional<Rejection> firstOf(Optional<Rejection>... checks) {
        for (Optional<Rejection> check : checks) {
            if (check.isPresent()) {
                return check;
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> reject(Reason reason, String message) {
        return Optional.of(new Rejection(reason, message));
    }
}
