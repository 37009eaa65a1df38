package io.driftwatch.ingest;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.PredictionEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.specific.SpecificRecord;

/**
 * An input record inside the ingest topology: the decoded event (or why it was rejected) with
 * the original bytes and position, so that a dead letter carries exactly what was read.
 *
 * @param event    a PredictionEvent or GroundTruthEvent; null when rejected while decoding
 * @param rawValue the value exactly as read, so that it can be dead-lettered or passed on without
 *                 re-encoding; null once validation changed the event
 * @param rejected why the record cannot enter the pipeline; null while it can
 */
record Inbound(Stream stream, SpecificRecord event, byte[] rawKey, byte[] rawValue,
               String sourceTopic, int sourcePartition, long sourceOffset, Rejected rejected) {

    /** The two input streams, as named in tags and reasons. */
    enum Stream {
        PREDICTION("prediction"), GROUND_TRUTH("ground-truth");

        final String tag;

        Stream(String tag) {
            this.tag = tag;
        }
    }

    /**
     * @param reason  the dead-letter reason, kebab case
     * @param message what is wrong, without the record's content
     * @param error   the exception behind it, or null for a rule
     */
    record Rejected(String reason, String message, Throwable error) {
    }

    PredictionEvent prediction() {
        return (PredictionEvent) event;
    }

    GroundTruthEvent groundTruth() {
        return (GroundTruthEvent) event;
    }

    String predictionId() {
        return stream == Stream.PREDICTION ? prediction().getPredictionId() : groundTruth().getPredictionId();
    }

    String modelId() {
        return stream == Stream.PREDICTION ? prediction().getModelId() : groundTruth().getModelId();
    }

    long eventTimeMs() {
        return (stream == Stream.PREDICTION ? prediction().getEventTime() : groundTruth().getEventTime()).toEpochMilli();
    }

    /** A readable record whose key is not its prediction id: it must be re-keyed to meet its partner. */
    boolean needsRekey() {
        if (rejected != null || predictionId().isBlank()) {
            return false;
        }
        return rawKey == null || !Arrays.equals(rawKey, predictionId().getBytes(StandardCharsets.UTF_8));
    }

    /** The same record after validation changed its event: the read bytes no longer encode it. */
    Inbound modified() {
        return new Inbound(stream, event, rawKey, null, sourceTopic, sourcePartition, sourceOffset, rejected);
    }

    Inbound reject(String reason, String message) {
        return new Inbound(stream, event, rawKey, rawValue, sourceTopic, sourcePartition, sourceOffset,
                new Rejected(reason, message, null));
    }
}
