package io.driftwatch.metrics.estimation;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A window's predictions of a binary classifier as performance estimation needs them, mergeable:
 * per {@link ScoreBins score bin}, how many were predicted positive and how many negative.
 * Allocated on the first prediction; serialised sparsely, as variable-length integers.
 */
public final class ScoreTally {

    private static final int MAX_VARLONG_BYTES = 10;

    /** Per bin: rows predicted positive, rows predicted negative; null while empty. */
    private long[] rows;

    public void add(double score, boolean predictedPositive) {
        if (rows == null) {
            rows = new long[2 * ScoreBins.COUNT];
        }
        rows[2 * ScoreBins.of(score) + (predictedPositive ? 0 : 1)]++;
    }

    public void merge(ScoreTally other) {
        if (other.rows == null) {
            return;
        }
        if (rows == null) {
            rows = other.rows.clone();
            return;
        }
        for (int i = 0; i < rows.length; i++) {
            rows[i] += other.rows[i];
        }
    }

    public boolean isEmpty() {
        return rows == null;
    }

    /** Rows of all bins. */
    public long rowCount() {
        long count = 0;
        for (int i = 0; rows != null && i < rows.length; i++) {
            count += rows[i];
        }
        return count;
    }

    /** Rows of {@code bin} predicted positive ({@code positive}) or negative. */
    long rows(int bin, boolean positive) {
        return rows[2 * bin + (positive ? 0 : 1)];
    }

    public void write(DataOutput out) throws IOException {
        int used = 0;
        for (int bin = 0; rows != null && bin < ScoreBins.COUNT; bin++) {
            used += rows[2 * bin] + rows[2 * bin + 1] > 0 ? 1 : 0;
        }
        // Encoded in one block: a stream's write per byte costs more than the encoding itself.
        byte[] block = new byte[MAX_VARLONG_BYTES * (1 + 3 * used)];
        int length = putVarLong(block, 0, used);
        int previous = -1;
        for (int bin = 0; used > 0 && bin < ScoreBins.COUNT; bin++) {
            if (rows[2 * bin] + rows[2 * bin + 1] > 0) {
                length = putVarLong(block, length, bin - previous);
                length = putVarLong(block, length, rows[2 * bin]);
                length = putVarLong(block, length, rows[2 * bin + 1]);
                previous = bin;
            }
        }
        out.write(block, 0, length);
    }

    public static ScoreTally read(DataInput in) throws IOException {
        ScoreTally tally = new ScoreTally();
        long used = readVarLong(in);
        if (used > 0) {
            tally.rows = new long[2 * ScoreBins.COUNT];
        }
        long bin = -1;
        for (long i = 0; i < used; i++) {
            bin += readVarLong(in);
            if (bin < 0 || bin >= ScoreBins.COUNT) {
                throw new IOException("score bin " + bin + " out of range");
            }
            tally.rows[2 * (int) bin] = readVarLong(in);
            tally.rows[2 * (int) bin + 1] = readVarLong(in);
        }
        return tally;
    }

    /** Seven bits per byte, low first; the high bit says another byte follows. Returns the position after it. */
    private static int putVarLong(byte[] block, int position, long value) {
        while ((value & ~0x7FL) != 0) {
            block[position++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        block[position++] = (byte) value;
        return position;
    }

    private static long readVarLong(DataInput in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.readByte();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IOException("variable-length integer longer than 10 bytes");
    }
}
