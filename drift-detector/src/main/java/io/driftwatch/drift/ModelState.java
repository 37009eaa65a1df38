package io.driftwatch.drift;

import io.driftwatch.drift.concept.ModelDetectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            writeOptional(out, pending == null ? null : pending.toBytes());
            writeOptional(out, capture == null ? null : capture.toBytes());
            writeOptional(out, detectors == null ? null : detectors.toBytes());
            out.writeLong(datasetHistory);
            Map<String, Long> sorted = new TreeMap<>(featureHistory);
            out.writeInt(sorted.size());
            for (Map.Entry<String, Long> e : sorted.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static ModelState fromBytes(byte[] bytes) {
        ModelState state = new ModelState();
        if (bytes == null) {
            return state;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != FORMAT) {
                throw new IllegalArgumentException("model drift state in an unknown format");
            }
            byte[] pending = readOptional(in);
            byte[] capture = readOptional(in);
            byte[] detectors = readOptional(in);
            state.pending = pending == null ? null : Partial.fromBytes(pending);
            state.capture = capture == null ? null : Partial.fromBytes(capture);
            state.detectors = detectors == null ? null : ModelDetectors.fromBytes(detectors);
            state.datasetHistory = in.readLong();
            int features = in.readInt();
            for (int i = 0; i < features; i++) {
                state.featureHistory.put(in.readUTF(), in.readLong());
            }
            return state;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated model drift state", e);
        }
    }

    private static void writeOptional(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value == null ? -1 : value.length);
        if (value != null) {
            out.write(value);
        }
    }

    private static byte[] readOptional(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] value = new byte[length];
        in.readFully(value);
        return value;
    }
}
