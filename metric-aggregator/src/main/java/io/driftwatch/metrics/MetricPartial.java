package io.driftwatch.metrics;

import io.driftwatch.metrics.summary.WindowSummary;
import io.driftwatch.runtime.partials.PartialSummary;
import io.driftwatch.runtime.state.StateCodec;

/**
 * One partition's summary of one model version's base window: from its predictions, or from the
 * labels of predictions made in that window. Travels keyed by model version.
 */
final class MetricPartial implements PartialSummary {

    /** Which input the partial summarises; also the stream name of its partitions' progress. */
    enum Kind { PREDICTIONS, LABELS }

    final Kind kind;
    /** The model version, window, segment series and their summary. */
    final WindowState window;

    MetricPartial(Kind kind, String modelId, String modelVersion, long windowStart, String segment,
                  WindowSummary summary) {
        this(kind, new WindowState(modelId, modelVersion, windowStart, segment, summary));
    }

    private MetricPartial(Kind kind, WindowState window) {
        this.kind = kind;
        this.window = window;
    }

    /** These predictions, late for their own window, counted in a later one: all of them late. */
    MetricPartial lateIn(long windowStart) {
        WindowState moved = new WindowState(window.modelId, window.modelVersion, windowStart, window.segment,
                window.summary);
        moved.lateRecords = window.summary.predictions();
        return new MetricPartial(kind, moved);
    }

    /** Where a partition keeps this partial while it builds it. */
    static String storeKey(String modelId, String modelVersion, long windowStart, String segment) {
        return modelKey(modelId, modelVersion) + '\u0000' + windowStart + '\u0000' + segment;
    }

    static String modelKey(String modelId, String modelVersion) {
        return modelId + "/" + modelVersion;
    }

    @Override
    public long sliceStart() {
        return window.windowStart;
    }

    @Override
    public String routingKey() {
        return modelKey(window.modelId, window.modelVersion);
    }

    /** Format 1 names the kind; format 0 wrote its position in the enum (PREDICTIONS 0, LABELS 1). */
    private static final int FORMAT = 1;

    @Override
    public byte[] toBytes() {
        return StateCodec.write(FORMAT, out -> {
            out.writeUTF(kind.name());
            StateCodec.writeBytes(out, window.toBytes());
        });
    }

    /** Where a partial belongs, read without decoding its summary. */
    record Head(Kind kind, WindowState.Head window) {
    }

    static Head headOf(byte[] bytes) {
        return StateCodec.read(bytes, "metric partial", (format, in) -> format == 0
                ? new Head(in.readByte() == 0 ? Kind.PREDICTIONS : Kind.LABELS, WindowState.headOf(in.readAllBytes()))
                : new Head(Kind.valueOf(in.readUTF()), WindowState.headOf(StateCodec.readBytes(in))));
    }

    static MetricPartial fromBytes(byte[] bytes) {
        return StateCodec.read(bytes, "metric partial", (format, in) -> format == 0
                ? new MetricPartial(in.readByte() == 0 ? Kind.PREDICTIONS : Kind.LABELS, WindowState.fromBytes(in.readAllBytes()))
                : new MetricPartial(Kind.valueOf(in.readUTF()), WindowState.fromBytes(StateCodec.readBytes(in))));
    }
}
