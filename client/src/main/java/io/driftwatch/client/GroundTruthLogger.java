package io.driftwatch.client;

import io.driftwatch.events.GroundTruthEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;

/**
 * Logs ground truth (outcomes) for earlier predictions, as {@link PredictionLogger} logs them: never
 * blocking, never throwing, keyed by prediction id (same partition as the prediction), and sampled
 * by the same ids.
 *
 * <pre>{@code
 * labels.groundTruth(requestId).model("churn").label("1").outcome("revenue", 59.0).log();
 * }</pre>
 */
public final class GroundTruthLogger extends EventLogger<GroundTruthEvent> {

    public GroundTruthLogger(LoggerSettings settings) {
        super(settings, "driftwatch.ground-truth.v1", GroundTruthEvent::getPredictionId, "ground_truth");
    }

    /** A ground truth to describe; nothing is sent before {@link Outcome#log()}. */
    public Outcome groundTruth(String predictionId) {
        return new Outcome(predictionId);
    }

    /** One prediction's ground truth, described field by field. */
    public final class Outcome {

        private final GroundTruthEvent.Builder event;
        private final Map<String, Double> outcomes = new HashMap<>();

        private Outcome(String predictionId) {
            event = GroundTruthEvent.newBuilder().setPredictionId(predictionId).setEventTime(Instant.now());
        }

        public Outcome model(String modelId) {
            event.setModelId(modelId);
            return this;
        }

        public Outcome label(String actualLabel) {
            event.setActualLabel(actualLabel);
            return this;
        }

        public Outcome value(double actualValue) {
            event.setActualValue(actualValue);
            return this;
        }

        /** A business outcome, e.g. clicked = 1 or revenue = 59.0. */
        public Outcome outcome(String name, double value) {
            outcomes.put(name, value);
            return this;
        }

        /** When the outcome was observed; now by default. */
        public Outcome at(Instant time) {
            event.setEventTime(time);
            return this;
        }

        /** Buffers it; false when sampled out, dropped, or incomplete (no model) — never blocks, never throws. */
        public boolean log() {
            GroundTruthEvent built;
            try {
                built = event.setOutcomes(outcomes).build();
            } catch (AvroRuntimeException e) {
                invalid();
                return false;
            }
            return GroundTruthLogger.this.log(built);
        }
    }
}
