package io.driftwatch.client;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.time.Duration;
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
public final class GroundTruthLogger implements AutoCloseable {

    private final EventLogger<GroundTruthEvent> events;
    private final double sampleRate;

    public GroundTruthLogger(LoggerSettings settings) {
        TrustedAvroPackages.trustEvents();
        this.events = new EventLogger<>(settings, settings.topicPrefix() + "driftwatch.ground-truth.v1",
                GroundTruthEvent::getPredictionId, "ground_truth");
        this.sampleRate = settings.sampleRate();
    }

    public Outcome groundTruth(String predictionId) {
        return new Outcome(predictionId);
    }

    /** @return true when buffered; false when sampled out or dropped */
    public boolean log(GroundTruthEvent event) {
        return Sampling.keeps(event.getPredictionId(), sampleRate) && events.log(event);
    }

    public long dropped() {
        return events.dropped();
    }

    public long failed() {
        return events.failed();
    }

    public void close(Duration deadline) {
        events.close(deadline);
    }

    @Override
    public void close() {
        events.close();
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
                events.invalid();
                return false;
            }
            return GroundTruthLogger.this.log(built);
        }
    }
}
