package io.driftwatch.drift.concept;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The errors of one model version in one time slice, from any number of partitions, fed to the
 * detectors in one deterministic order: by event time, then by a hash of the prediction id, then
 * by value. So the detectors see the same sequence whichever partitions the labels came through
 * and in whatever order the partitions' partial summaries arrived.
 */
public final class ErrorSamples {

    private long[] times = new long[16];
    private long[] ties = new long[16];
    private double[] errors = new double[16];
    private boolean[] absolute = new boolean[16];
    private int size;

    /**
     * @param tie      a hash of the prediction id, which orders samples of the same millisecond
     * @param absolute true for an absolute error (regression), false for a 0/1 misclassification
     */
    public void add(long eventTime, long tie, double error, boolean absolute) {
        if (size == times.length) {
            int capacity = size * 2;
            times = Arrays.copyOf(times, capacity);
            ties = Arrays.copyOf(ties, capacity);
            errors = Arrays.copyOf(errors, capacity);
            this.absolute = Arrays.copyOf(this.absolute, capacity);
        }
        times[size] = eventTime;
        ties[size] = tie;
        errors[size] = error;
        this.absolute[size] = absolute;
        size++;
    }

    public void addAll(ErrorSamples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.times[i], other.ties[i], other.errors[i], other.absolute[i]);
        }
    }

    public int size() {
        return size;
    }

    /** One error in the order the detectors see it. */
    public interface Visitor {
        void accept(long eventTime, double error, boolean absolute);
    }

    public void forEachInOrder(Visitor visitor) {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingLong(i -> times[i]).thenComparingLong(i -> ties[i])
                .thenComparingDouble(i -> errors[i]));
        for (int i : order) {
            visitor.accept(times[i], errors[i], absolute[i]);
        }
    }

    /** A stable 64-bit hash of a prediction id (FNV-1a), the tie-break of samples in the same millisecond. */
    public static long tie(String predictionId) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < predictionId.length(); i++) {
            hash ^= predictionId.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 + size * 25);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(size);
            for (int i = 0; i < size; i++) {
                out.writeLong(times[i]);
                out.writeLong(ties[i]);
                out.writeDouble(errors[i]);
                out.writeBoolean(absolute[i]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static ErrorSamples fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int n = in.readInt();
            ErrorSamples samples = new ErrorSamples();
            for (int i = 0; i < n; i++) {
                samples.add(in.readLong(), in.readLong(), in.readDouble(), in.readBoolean());
            }
            return samples;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated error samples", e);
        }
    }
}
