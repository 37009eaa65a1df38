package io.driftwatch.ingest.join;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Key of the expiry index: the deadline, then the prediction id. Byte order equals deadline
 * order (the sign bit is flipped so that negative times sort first), so one range scan from the
 * start up to the clock finds exactly the entries due, however many entries wait.
 */
public record ExpiryKey(long deadline, String predictionId) {

    public byte[] toBytes() {
        byte[] id = predictionId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + id.length).putLong(deadline ^ Long.MIN_VALUE).put(id).array();
    }

    public static ExpiryKey fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long deadline = buffer.getLong() ^ Long.MIN_VALUE;
        return new ExpiryKey(deadline, new String(bytes, 8, bytes.length - 8, StandardCharsets.UTF_8));
    }

    /** The smallest key. */
    public static byte[] first() {
        return new byte[8];
    }

    /**
     * The upper bound (inclusive) of a scan for entries whose deadline has passed, i.e. is before
     * {@code clock}: it sorts after every such key and before every key with a deadline of
     * {@code clock} or later, because ids are never empty.
     */
    public static byte[] dueBefore(long clock) {
        return ByteBuffer.allocate(8).putLong(clock ^ Long.MIN_VALUE).array();
    }
}
