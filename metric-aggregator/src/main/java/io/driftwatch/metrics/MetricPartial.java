package io.driftwatch.metrics;

import io.driftwatch.metrics.summary.WindowSummary;
import io.driftwatch.runtime.partials.PartialSummary;
import java.util.Arrays;

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

    /** Where a partition keeps this partial while it builds it. */
    static String storeKey(String modelId, String modelVersion, long windowStart, String segment) {
        return modelKey(modelId, modelVersion) + '\u0000' + windowStart + '\u0000' + segment;
    }

    static String modelKey(String modelId, String modelVersion) {
        return modelId + "/" + modelVersion;
    }

    @Override
    public String routingKey() {
        return modelKey(window.modelId, window.modelVersion);
    }

    @Override
    public byte[] toBytes() {
        byte[] state = window.toBytes();
        byte[] bytes = new byte[state.length + 1];
        bytes[0] = (byte) kind.ordinal();
        System.arraycopy(state, 0, bytes, 1, state.length);
        return bytes;
    }

    static MetricPartial fromBytes(byte[] bytes) {
        return new MetricPartial(Kind.values()[bytes[0]], WindowState.fromBytes(Arrays.copyOfRange(bytes, 1, bytes.length)));
    }
}
