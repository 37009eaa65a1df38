package io.driftwatch.runtime.partials;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * How far one input partition has got with one stream of records (e.g. predictions, labels):
 * every partial it has sent so far covers all of its records up to {@code eventTime}. Sent after the partials on each flush, to
 * every merging task, which closes a slice only when every partition that is not idle has passed
 * it (a watermark); so a partition that lags during a catch-up holds the slices back instead of
 * turning its records late.
 *
 * @param idle true when the partition has had no record of this kind for the idle timeout; an
 *             idle partition does not hold the slices back
 */
public record Progress(String stream, int partition, long eventTime, boolean idle) {

    /** The key of progress records; partials' routing keys never start with NUL. */
    public static final String KEY = "\u0000progress";

    public byte[] toBytes() {
        byte[] name = stream.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + name.length + 13).putInt(name.length).put(name).putInt(partition)
                .putLong(eventTime).put((byte) (idle ? 1 : 0)).array();
    }

    public static Progress fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte[] name = new byte[buffer.getInt()];
        buffer.get(name);
        return new Progress(new String(name, StandardCharsets.UTF_8), buffer.getInt(), buffer.getLong(),
                buffer.get() == 1);
    }
}
