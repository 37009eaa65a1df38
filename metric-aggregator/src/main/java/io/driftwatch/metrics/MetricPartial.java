package io.driftwatch.metrics;

import io.driftwatch.metrics.summary.WindowSummary;
import io.driftwatch.runtime.partials.PartialSummary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One partition's summary of one model version's base window: from its predictions, or from the
 * labels of predictions made in that window. Travels keyed by model version.
 */
final class MetricPartial implements PartialSummary {

    /** Which input the partial summarises; also the stream name of its partitions' progress. */
    enum Kind { PREDICTIONS, LABELS }

    final Kind kind;
    final String modelId;
    final String modelVersion;
    final long windowStart;
    /** {@code *} or {@code key=value} (see {@link SegmentSeries}). */
    final String segment;
    final WindowSummary summary;

    MetricPartial(Kind kind, String modelId, String modelVersion, long windowStart, String segment,
                  WindowSummary summary) {
        this.kind = kind;
        this.modelId = modelId;
        this.modelVersion = modelVersion;
        this.windowStart = windowStart;
        this.segment = segment;
        this.summary = summary;
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
        return modelKey(modelId, modelVersion);
    }

    @Override
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(kind.ordinal());
            out.writeUTF(modelId);
            out.writeUTF(modelVersion);
            out.writeLong(windowStart);
            out.writeUTF(segment);
            byte[] summaryBytes = summary.toBytes();
            out.writeInt(summaryBytes.length);
            out.write(summaryBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static MetricPartial fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            Kind kind = Kind.values()[in.readByte()];
            String modelId = in.readUTF();
            String modelVersion = in.readUTF();
            long windowStart = in.readLong();
            String segment = in.readUTF();
            byte[] summary = new byte[in.readInt()];
            in.readFully(summary);
            return new MetricPartial(kind, modelId, modelVersion, windowStart, segment, WindowSummary.fromBytes(summary));
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated metric partial", e);
        }
    }
}
