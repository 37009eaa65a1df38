package io.driftwatch.drift;

import java.nio.ByteBuffer;

/**
 * How far one input partition has got with one kind of record: every partial it has sent so far
 * covers all of its records up to {@code eventTime}. Sent after the partials on each flush, to
 * every merging task, which closes a slice only when every partition that is not idle has passed
 * it (a watermark); so a partition that lags during a catch-up holds the slices back instead of
 * turning its records late.
 *
 * @param idle true when the partition has had no record of this kind for the idle timeout; an
 *             idle partition does not hold the slices back
 */
record Progress(Partial.Kind kind, int partition, long eventTime, boolean idle) {

    /** The key of progress records; partials are keyed by model version, which never starts with NUL. */
    static final String KEY = "\u0000progress";

    byte[] toBytes() {
        return ByteBuffer.allocate(14).put((byte) kind.ordinal()).putInt(partition).putLong(eventTime)
                .put((byte) (idle ? 1 : 0)).array();
    }

    static Progress fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new Progress(Partial.Kind.values()[buffer.get()], buffer.getInt(), buffer.getLong(), buffer.get() == 1);
    }
}
