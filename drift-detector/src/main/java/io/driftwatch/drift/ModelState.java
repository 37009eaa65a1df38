package io.driftwatch.drift;

import io.driftwatch.runtime.state.StateCodec;
import io.driftwatch.drift.concept.ModelDetectors;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the merging task keeps per model version between windows: the window still too small to
 * test, the auto-capture in progress, the persistence histories and the concept-drift detectors.
 * Stored as three entries, so that no record holds more than one profile.
 */
final class ModelState {

    /** Format 1 held the pending window and the capture inline; it is still read. */
    private static final byte FORMAT = 2;
    private static final String PENDING = "\u0000pending";
    private static final String CAPTURE = "\u0000capture";

    /** Windows merged so far that are still below the minimum sample size; null when none. */
    Partial pending;
    /** Predictions captured so far as the version's reference; null when not capturing. */
    Partial capture;
    long datasetHistory;
    final Map<String, Long> featureHistory = new HashMap<>();
    /** Null until the version's first labelled prediction. */
    ModelDetectors detectors;

    /** The entries to store under their keys; a null value deletes the entry. */
    Map<String, byte[]> toEntries(String modelKey) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(modelKey, toBytes());
        entries.put(modelKey + PENDING, pending == null ? null : pending.toBytes());
        entries.put(modelKey + CAPTURE, capture == null ? null : capture.toBytes());
        return entries;
    }

    /** The state a model version's entries hold, read through {@code store}; empty when there are none. */
    static ModelState fromEntries(Function<String, byte[]> store, String modelKey) {
        ModelState state = fromBytes(store.apply(modelKey));
        byte[] pending = store.apply(modelKey + PENDING);
        byte[] capture = store.apply(modelKey + CAPTURE);
        state.pending = pending != null ? Partial.fromBytes(pending) : state.pending;
        state.capture = capture != null ? Partial.fromBytes(capture) : state.capture;
        return state;
    }

    private byte[] toBytes() {
        return StateCodec.write(out -> {
            out.writeByte(FORMAT);
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

    /** The main entry alone (detectors and histories; format 1 also the pending window and capture). */
    static ModelState fromBytes(byte[] bytes) {
        ModelState state = new ModelState();
        if (bytes == null) {
            return state;
        }
        return StateCodec.read(bytes, "model drift state", in -> {
            byte format = in.readByte();
            if (format != FORMAT && format != 1) {
                throw new IllegalArgumentException("model drift state in an unknown format");
            }
            if (format == 1) {
                byte[] pending = StateCodec.readBytes(in);
                byte[] capture = StateCodec.readBytes(in);
                state.pending = pending == null ? null : Partial.fromBytes(pending);
                state.capture = capture == null ? null : Partial.fromBytes(capture);
            }
            byte[] detectors = StateCodec.readBytes(in);
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
