package io.driftwatch.client;

import io.driftwatch.events.PredictionEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;

/**
 * Logs a serving app's predictions to Driftwatch from the request path: {@link Prediction#log()}
 * never waits on the broker or the registry and never throws; a full buffer drops the event and
 * counts it ({@link #dropped()}, {@code driftwatch.client.dropped}).
 *
 * <pre>{@code
 * PredictionLogger predictions = new PredictionLogger(LoggerSettings.builder("kafka:9092", "http://registry:8081").build());
 * predictions.prediction(requestId).model("churn", "3").numeric("tenure_months", 14).categorical("plan", "pro")
 *         .score(0.82).label("1").segment("country", "DE").latencyMs(12.5).log();
 * }</pre>
 */
public final class PredictionLogger extends EventLogger<PredictionEvent> {

    public PredictionLogger(LoggerSettings settings) {
        super(settings, "driftwatch.predictions.v1", PredictionEvent::getPredictionId, "prediction");
    }

    /** A prediction to describe; nothing is sent before {@link Prediction#log()}. */
    public Prediction prediction(String predictionId) {
        return new Prediction(predictionId);
    }

    /** One prediction, described field by field. */
    public final class Prediction {

        private final PredictionEvent.Builder event;
        private final Map<String, Double> numeric = new HashMap<>();
        private final Map<String, String> categorical = new HashMap<>();
        private final Map<String, Double> probabilities = new HashMap<>();
        private final Map<String, String> segments = new HashMap<>();

        private Prediction(String predictionId) {
            event = PredictionEvent.newBuilder().setPredictionId(predictionId).setEventTime(Instant.now());
        }

        public Prediction model(String modelId, String version) {
            event.setModelId(modelId).setModelVersion(version);
            return this;
        }

        public Prediction numeric(String feature, double value) {
            numeric.put(feature, value);
            return this;
        }

        public Prediction categorical(String feature, String value) {
            categorical.put(feature, value);
            return this;
        }

        public Prediction score(double score) {
            event.setScore(score);
            return this;
        }

        public Prediction label(String predictedLabel) {
            event.setPredictedLabel(predictedLabel);
            return this;
        }

        public Prediction probability(String label, double probability) {
            probabilities.put(label, probability);
            return this;
        }

        public Prediction segment(String key, String value) {
            segments.put(key, value);
            return this;
        }

        public Prediction latencyMs(double milliseconds) {
            event.setServingLatencyMs(milliseconds);
            return this;
        }

        /** When the prediction was made; now by default. */
        public Prediction at(Instant time) {
            event.setEventTime(time);
            return this;
        }

        /** Buffers it; false when sampled out, dropped, or incomplete (no model) — never blocks, never throws. */
        public boolean log() {
            PredictionEvent built;
            try {
                built = event.setNumericFeatures(numeric).setCategoricalFeatures(categorical)
                        .setClassProbabilities(probabilities).setSegments(segments).setQualityIssues(List.of()).build();
            } catch (AvroRuntimeException e) {
                invalid();
                return false;
            }
            return PredictionLogger.this.log(built);
        }
    }
}
