package io.driftwatch.ingest.join;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The join state of one prediction id: whether its prediction and its ground truth have been
 * seen, what is still waiting, and until when the entry lives ({@code deadline}, in event time).
 * While it lives, a second prediction or ground truth with the same id is a duplicate.
 *
 * <p>Stored as bytes with a leading format version, so that the layout can evolve.
 *
 * @param prediction the validated prediction's serialized bytes while it waits for a label (and,
 *                   with corrections on, afterwards); null once no longer needed
 * @param pending    a ground truth that arrived before its prediction; null otherwise
 */
public record JoinEntry(long deadline, String modelId, boolean predictionSeen, boolean labelled,
                        long predictionEventTimeMs, byte[] prediction, PendingLabel pending) {

    private static final byte FORMAT = 1;
    private static final int PREDICTION_SEEN = 1;
    private static final int LABELLED = 2;

    /** A prediction that now waits for its label until {@code deadline}. */
    public static JoinEntry waitingPrediction(long deadline, String modelId, long eventTimeMs, byte[] prediction) {
        return new JoinEntry(deadline, modelId, true, false, eventTimeMs, prediction, null);
    }

    /** A ground truth that now waits for its prediction until {@code deadline}. */
    public static JoinEntry waitingLabel(long deadline, String modelId, PendingLabel label) {
        return new JoinEntry(deadline, modelId, false, false, 0L, null, label);
    }

    /** Joined: remembered until {@code deadline} to drop duplicates; keeps the prediction only for corrections. */
    public static JoinEntry joined(long deadline, String modelId, long predictionEventTimeMs, byte[] keptPrediction) {
        return new JoinEntry(deadline, modelId, true, true, predictionEventTimeMs, keptPrediction, null);
    }

    public boolean waitsForLabel() {
        return predictionSeen && !labelled;
    }

    public boolean waitsForPrediction() {
        return !predictionSeen && pending != null;
    }

    public byte[] toBytes() {
        byte[] model = modelId.getBytes(StandardCharsets.UTF_8);
        byte[] topic = pending == null ? new byte[0] : pending.sourceTopic().getBytes(StandardCharsets.UTF_8);
        int size = 1 + 1 + 8 + 8 + 4 + model.length + 4 + length(prediction)
                + 1 + (pending == null ? 0 : 4 + pending.value().length + 4 + topic.length + 4 + 8 + 8);
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.put(FORMAT);
        buffer.put((byte) ((predictionSeen ? PREDICTION_SEEN : 0) | (labelled ? LABELLED : 0)));
        buffer.putLong(deadline);
        buffer.putLong(predictionEventTimeMs);
        putBytes(buffer, model);
        putBytes(buffer, prediction);
        buffer.put((byte) (pending == null ? 0 : 1));
        if (pending != null) {
            putBytes(buffer, pending.value());
            putBytes(buffer, topic);
            buffer.putInt(pending.sourcePartition());
            buffer.putLong(pending.sourceOffset());
            buffer.putLong(pending.eventTimeMs());
        }
        return buffer.array();
    }

    public static JoinEntry fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte format = buffer.get();
        if (format != FORMAT) {
            throw new IllegalStateException("join entry in unknown format " + format);
        }
        int flags = buffer.get();
        long deadline = buffer.getLong();
        long eventTime = buffer.getLong();
        String model = new String(getBytes(buffer), StandardCharsets.UTF_8);
        byte[] prediction = getBytes(buffer);
        PendingLabel pending = null;
        if (buffer.get() == 1) {
            byte[] value = getBytes(buffer);
            String topic = new String(getBytes(buffer), StandardCharsets.UTF_8);
            pending = new PendingLabel(value, topic, buffer.getInt(), buffer.getLong(), buffer.getLong());
        }
        return new JoinEntry(deadline, model, (flags & PREDICTION_SEEN) != 0, (flags & LABELLED) != 0,
                eventTime, prediction, pending);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static void putBytes(ByteBuffer buffer, byte[] bytes) {
        buffer.putInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            buffer.put(bytes);
        }
    }

    private static byte[] getBytes(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }
}
