package io.driftwatch.schemas.sketch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * Apache DataSketches' compact serialization of a KLL doubles sketch, little-endian:
 * <pre>
 * byte 0 preamble ints (2: empty or single item, 5: full) | 1 serial version (1 empty/full, 2 single)
 * byte 2 family (15, KLL) | 3 flags (1 empty, 2 level 0 sorted, 4 single item)
 * bytes 4–5 k | 6 m (minimum level width, 8) | 7 unused
 * empty: nothing more; single item: the value at byte 8
 * full: bytes 8–15 n | 16–17 min k | 18 number of levels | 19 unused
 *       then the start offset of each level in an array of the levels' total capacity
 *       (the top level ends at that capacity), the min and max, and the retained items,
 *       level 0 first, each higher level sorted
 * </pre>
 * Level 0 is written newest first, as DataSketches stores it, so that an exact sketch has the same
 * bytes whichever library wrote it.
 */
final class KllFormat {

    private static final byte PREAMBLE_INTS_SHORT = 2;
    private static final byte PREAMBLE_INTS_FULL = 5;
    private static final byte SERIAL_VERSION_EMPTY_FULL = 1;
    private static final byte SERIAL_VERSION_SINGLE = 2;
    private static final byte KLL_FAMILY = 15;
    private static final int FLAG_EMPTY = 1;
    private static final int FLAG_SINGLE = 4;
    private static final int FULL_HEADER_BYTES = 20;

    private KllFormat() {
    }

    static byte[] write(KllSketch sketch) {
        if (sketch.isEmpty()) {
            return header(8, PREAMBLE_INTS_SHORT, SERIAL_VERSION_EMPTY_FULL, FLAG_EMPTY, sketch.getK()).array();
        }
        if (sketch.getN() == 1) {
            return header(16, PREAMBLE_INTS_SHORT, SERIAL_VERSION_SINGLE, FLAG_SINGLE, sketch.getK())
                    .putDouble(8, sketch.min()).array();
        }
        int numLevels = sketch.numLevels();
        int retained = sketch.getNumRetained();
        ByteBuffer out = header(FULL_HEADER_BYTES + 4 * numLevels + 16 + 8 * retained,
                PREAMBLE_INTS_FULL, SERIAL_VERSION_EMPTY_FULL, 0, sketch.getK());
        out.putLong(8, sketch.getN()).putShort(16, (short) sketch.minK()).put(18, (byte) numLevels);
        out.position(FULL_HEADER_BYTES);
        int offset = KllSketch.totalCapacity(sketch.getK(), numLevels) - retained;
        for (int h = 0; h < numLevels; h++) {
            out.putInt(offset);
            offset += sketch.levelSize(h);
        }
        out.putDouble(sketch.min()).putDouble(sketch.max());
        DoubleBuffer items = out.asDoubleBuffer();
        double[] level0 = sketch.level(0);
        for (int i = sketch.levelSize(0) - 1; i >= 0; i--) {
            items.put(level0[i]);
        }
        for (int h = 1; h < numLevels; h++) {
            items.put(sketch.level(h), 0, sketch.levelSize(h));
        }
        return out.array();
    }

    static KllSketch read(byte[] bytes) {
        if (bytes.length < 8) {
            throw invalid(bytes.length + " bytes, fewer than the 8 of a preamble");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int preambleInts = bytes[0];
        int serialVersion = bytes[1];
        int flags = bytes[3] & 0xff;
        int k = in.getShort(4) & 0xffff;
        if (bytes[2] != KLL_FAMILY) {
            throw invalid("family " + bytes[2] + ", not KLL (" + KLL_FAMILY + ")");
        }
        if (k < KllSketch.MIN_LEVEL_WIDTH || bytes[6] != KllSketch.MIN_LEVEL_WIDTH) {
            throw invalid("k " + k + " and m " + bytes[6] + ": only m = 8 and k ≥ 8 are supported");
        }
        if (preambleInts == PREAMBLE_INTS_SHORT && serialVersion == SERIAL_VERSION_EMPTY_FULL && (flags & FLAG_EMPTY) != 0) {
            return new KllSketch(k);
        }
        if (preambleInts == PREAMBLE_INTS_SHORT && serialVersion == SERIAL_VERSION_SINGLE) {
            requireLength(bytes, 16);
            KllSketch sketch = new KllSketch(k);
            sketch.update(in.getDouble(8));
            return sketch;
        }
        if (preambleInts != PREAMBLE_INTS_FULL || serialVersion != SERIAL_VERSION_EMPTY_FULL) {
            throw invalid("preamble ints " + preambleInts + " with serial version " + serialVersion
                    + " (only the compact forms are read)");
        }
        return readFull(bytes, in, k);
    }

    private static KllSketch readFull(byte[] bytes, ByteBuffer in, int k) {
        requireLength(bytes, FULL_HEADER_BYTES);
        long n = in.getLong(8);
        int minK = in.getShort(16) & 0xffff;
        int numLevels = bytes[18] & 0xff;
        if (numLevels < 1 || numLevels > 61 || minK < KllSketch.MIN_LEVEL_WIDTH || minK > k) {
            throw invalid(numLevels + " levels with min k " + minK);
        }
        int itemsStart = FULL_HEADER_BYTES + 4 * numLevels + 16;
        requireLength(bytes, itemsStart);
        if ((bytes.length - itemsStart) % Double.BYTES != 0) {
            throw invalid((bytes.length - itemsStart) + " bytes of items, not a whole number of doubles");
        }
        int retained = (bytes.length - itemsStart) / Double.BYTES;
        int[] starts = new int[numLevels + 1];
        for (int h = 0; h < numLevels; h++) {
            starts[h] = in.getInt(FULL_HEADER_BYTES + 4 * h);
        }
        starts[numLevels] = starts[0] + retained;
        double min = in.getDouble(itemsStart - 16);
        double max = in.getDouble(itemsStart - 8);
        double[][] levels = new double[numLevels][];
        long weight = 0;
        DoubleBuffer items = in.position(itemsStart).asDoubleBuffer();
        for (int h = 0; h < numLevels; h++) {
            int size = starts[h + 1] - starts[h];
            if (starts[h] < 0 || size < 0) {
                throw invalid("level offsets out of order at level " + h);
            }
            levels[h] = new double[size];
            items.get(levels[h]);
            if (h == 0) {
                reverse(levels[0]);
            }
            for (int i = 1; h > 0 && i < size; i++) {
                if (!(levels[h][i] >= levels[h][i - 1])) {
                    throw invalid("level " + h + " is not sorted");
                }
            }
            weight += (long) size << h;
        }
        if (weight != n || n < 2) {
            throw invalid("n is " + n + " but the retained items weigh " + weight);
        }
        return KllSketch.of(k, minK, n, min, max, levels);
    }

    private static void reverse(double[] values) {
        for (int i = 0, j = values.length - 1; i < j; i++, j--) {
            double swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    private static ByteBuffer header(int length, byte preambleInts, byte serialVersion, int flags, int k) {
        ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(0, preambleInts).put(1, serialVersion).put(2, KLL_FAMILY).put(3, (byte) flags)
                .putShort(4, (short) k).put(6, (byte) KllSketch.MIN_LEVEL_WIDTH);
        return out;
    }

    private static void requireLength(byte[] bytes, int length) {
        if (bytes.length < length) {
            throw invalid(bytes.length + " bytes, fewer than the " + length + " its preamble needs");
        }
    }

    private static IllegalArgumentException invalid(String reason) {
        return new IllegalArgumentException("not a compact KLL doubles sketch: " + reason);
    }
}
