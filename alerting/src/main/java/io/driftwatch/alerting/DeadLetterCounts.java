package io.driftwatch.alerting;

import io.driftwatch.runtime.state.StateCodec;
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

    /** Format 1 added the format number; the fields are those of format 0. */
    private static final int FORMAT = 1;

    byte[] toBytes() {
        return StateCodec.write(FORMAT, out -> {
            out.writeInt(counts.size());
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
        });
    }

    static DeadLetterCounts fromBytes(byte[] bytes) {
        DeadLetterCounts counts = new DeadLetterCounts();
        if (bytes == null) {
            return counts;
        }
        return StateCodec.read(bytes, "dead-letter counts", (format, in) -> {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                counts.counts.put(in.readUTF(), in.readLong());
            }
            return counts;
        });
    }
}
