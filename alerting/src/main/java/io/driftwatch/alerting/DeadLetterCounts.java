package io.driftwatch.alerting;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dead letters per processor since the last wall-clock check. A processor once seen stays, with
 * a count of zero, so that its alert can resolve.
 */
final class DeadLetterCounts {

    private final Map<String, Long> counts = new TreeMap<>();

    void add(String processor) {
        counts.merge(processor, 1L, Long::sum);
    }

    Map<String, Long> counts() {
        return counts;
    }

    void reset() {
        counts.replaceAll((processor, count) -> 0L);
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(counts.size());
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static DeadLetterCounts fromBytes(byte[] bytes) {
        DeadLetterCounts counts = new DeadLetterCounts();
        if (bytes == null) {
            return counts;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                counts.counts.put(in.readUTF(), in.readLong());
            }
            return counts;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated dead-letter counts", e);
        }
    }
}
