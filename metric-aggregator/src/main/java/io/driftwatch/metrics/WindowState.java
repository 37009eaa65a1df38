package io.driftwatch.metrics;

import io.driftwatch.runtime.state.StateCodec;
import io.driftwatch.metrics.summary.WindowSummary;
import java.io.DataInputStream;
import java.io.IOException;
import org.apache.kafka.streams.state.KeyValueStore;

/** A base window of one model version and segment series at the merging task: its merged summary and what was sent of it. */
final class WindowState {

    /** Format 1 added the format number; the fields are those of format 0. */
    private static final int FORMAT = 1;

    final String modelId;
    final String modelVersion;
    final long windowStart;
    final String segment;
    final WindowSummary summary;
    /** The revision of the last snapshot sent; -1 before the window closed. */
    int revision = -1;
    /** Predictions of earlier, closed windows that arrived late and were counted here. */
    long lateRecords;

    WindowState(String modelId, String modelVersion, long windowStart, String segment, WindowSummary summary) {
        this.modelId = modelId;
        this.modelVersion = modelVersion;
        this.windowStart = windowStart;
        this.segment = segment;
        this.summary = summary;
    }

    byte[] toBytes() {
        return StateCodec.write(FORMAT, out -> {
            out.writeUTF(modelId);
            out.writeUTF(modelVersion);
            out.writeLong(windowStart);
            out.writeUTF(segment);
            out.writeInt(revision);
            out.writeLong(lateRecords);
            StateCodec.writeBytes(out, summary.toBytes());
        });
    }

    static WindowState fromBytes(byte[] bytes) {
        return StateCodec.read(bytes, "window state", (format, in) -> {
            Head head = Head.read(in);
            WindowState state = new WindowState(head.modelId, head.modelVersion, head.windowStart, head.segment,
                    WindowSummary.fromBytes(StateCodec.readBytes(in)));
            state.revision = head.revision;
            state.lateRecords = head.lateRecords;
            return state;
        });
    }

    /** Merges {@code summary} into the window stored under {@code key}, an empty one when none is. */
    static void mergeInto(KeyValueStore<String, byte[]> store, String key, String modelId, String modelVersion,
                          long windowStart, String segment, WindowSummary summary) {
        byte[] stored = store.get(key);
        WindowState state = stored == null
                ? new WindowState(modelId, modelVersion, windowStart, segment, new WindowSummary())
                : fromBytes(stored);
        state.summary.merge(summary);
        store.put(key, state.toBytes());
    }

    /** Where a window belongs, read without decoding its summary. */
    static Head headOf(byte[] bytes) {
        return StateCodec.read(bytes, "window state", (format, in) -> Head.read(in));
    }

    record Head(String modelId, String modelVersion, long windowStart, String segment, int revision, long lateRecords) {

        private static Head read(DataInputStream in) throws IOException {
            return new Head(in.readUTF(), in.readUTF(), in.readLong(), in.readUTF(), in.readInt(), in.readLong());
        }
    }
}
