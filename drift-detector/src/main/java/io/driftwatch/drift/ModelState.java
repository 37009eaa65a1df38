package io.driftwatch.drift;

import io.driftwatch.runtime.state.StateCodec;
import io.driftwatch.drift.concept.ModelDetectors;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the merging task keeps per model version between windows: the window still too small to
 * test, the auto-capture in progress, the persistence histories and the concept-drift detectors.
 */
final class ModelState {

    private static final byte FORMAT = 1;

    /** Windows merged so far that are still below the minimum sample size; null when none. */
    Partial pending;
    /** Predictions captured so far as the version's reference; null when not capturing. */
    Partial capture;
    long datasetHistory;
    final Map<String, Long> featureHistory = new HashMap<>();
    /** Null until the version's first labelled prediction. */
    ModelDetectors detectors;

    byte[] toBytes() {
        return StateCodec.write(out -> {
            out.writeByte(FORMAT);
            StateCodec.writeBytes(out, pending == null ? null : pending.toBytes());
            StateCodec.writeBytes(out, capture == null ? null : capture.toBytes());
            StateCodec.writeBytes(out, detectors == null ? null : detectors.toBytes());
            out.writeLong(datasetHistory);
            Map<String, Long> sorted = new TreeMap<>(featureHistory);
            out.writeInt(sorted.size());
            for (Map.Entry<String, Long> e : sorted.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
        });
    }

    static ModelState fromBytes(byte[] bytes) {
        ModelState state = new ModelState();
        if (bytes == null) {
            return state;
        }
        return StateCodec.read(bytes, "model drift state", in -> {
            if (in.readByte() != FORMAT) {
                throw new IllegalArgumentException("model drift state in an unknown format");
            }
            byte[] pending = StateCodec.readBytes(in);
            byte[] capture = StateCodec.readBytes(in);
            byte[] detectors = StateCodec.readBytes(in);
            state.pending = pending == null ? null : Partial.fromBytes(pending);
            state.capture = capture == null ? null : Partial.fromBytes(capture);
            state.detectors = detectors == null ? null : ModelDetectors.fromBytes(detectors);
            state.datasetHistory = in.readLong();
            int features = in.readInt();
            for (int i = 0; i < features; i++) {
                state.featureHistory.put(in.readUTF(), in.readLong());
            }
            return state;
        });
    }
}
