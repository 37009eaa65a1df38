package io.driftwatch.schemas.sketch;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A KLL quantile sketch of doubles (Karnin, Lang and Liberty, "Optimal Quantile Approximation in
 * Streams", FOCS 2016), with the lazy compaction schedule of Apache DataSketches: level {@code h}
 * holds items of weight 2^h, its capacity is {@code max(m, round(k·(2/3)^depth))} with depth counted
 * from the top level, and the sketch compacts the lowest full level only when all of it is full.
 * A compaction sorts a level and promotes every other item (random offset) to the level above, so
 * the total weight stays exactly the number of values seen. The offset's coin is a hash of the
 * sketch's count, the level and a value in it rather than a random generator's: the same values in
 * the same order give the same sketch, so a replay after a crash, or the same records wired another way,
 * reproduces the same quantiles.
 *
 * <p>Bytes are Apache DataSketches' compact KLL format ({@link KllFormat}), so profiles and
 * summaries written by earlier versions (DataSketches 7) still load, and any DataSketches library
 * reads what this writes. Pure Java with no memory-access library: it runs unchanged on every JDK
 * from 17 on, which no DataSketches release does (docs/architecture.md).
 */
public final class KllSketch {

    /** DataSketches' default: a normalised rank error of about 1.3 % (99 % confidence). */
    public static final int DEFAULT_K = 200;
    static final int MIN_LEVEL_WIDTH = 8;
    static final int MAX_K = 65_535;

    private final int k;
    private int minK;
    private long n;
    private double min = Double.NaN;
    private double max = Double.NaN;
    /** levels[h] holds sizes[h] items of weight 2^h; level 0 in arrival order, the others sorted. */
    private double[][] levels;
    private int[] sizes;
    /** Each level's capacity at the current number of levels, and their sum: known, not recomputed per value. */
    private int[] capacities;
    private int retained;
    private int capacity;
    private SortedView view;

    public KllSketch() {
        this(DEFAULT_K);
    }

    public KllSketch(int k) {
        if (k < MIN_LEVEL_WIDTH || k > MAX_K) {
            throw new IllegalArgumentException("KLL k must be in [" + MIN_LEVEL_WIDTH + ", " + MAX_K + "], was " + k);
        }
        this.k = k;
        this.minK = k;
        this.levels = new double[][] {new double[16]};
        this.sizes = new int[1];
        setCapacities(1);
    }

    /** Reads a sketch in DataSketches' compact KLL format; the message of a refusal says what is wrong. */
    public static KllSketch fromBytes(byte[] bytes) {
        return KllFormat.read(bytes);
    }

    /** The sketch in a buffer's remaining bytes (an Avro {@code bytes} field); the buffer is not moved. */
    public static KllSketch fromBuffer(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return KllFormat.read(bytes);
    }

    /** Adds one value; NaN is ignored, as DataSketches does. */
    public void update(double value) {
        if (Double.isNaN(value)) {
            return;
        }
        if (retained >= capacity) {
            compactLowestFullLevel();
        }
        if (n == 0) {
            min = value;
            max = value;
        } else if (value < min) {
            min = value;
        } else if (value > max) {
            max = value;
        }
        double[] level0 = levels[0];
        if (sizes[0] == level0.length) {
            level0 = levels[0] = Arrays.copyOf(level0, Math.max(16, 2 * level0.length));
        }
        level0[sizes[0]++] = value;
        retained++;
        n++;
        view = null;
    }

    /** Adds everything another sketch has seen; the other sketch is not changed. */
    public void merge(KllSketch other) {
        if (other.n == 0) {
            return;
        }
        if (other == this) {
            merge(fromBytes(toByteArray())); // levels are merged in place: never from themselves
            return;
        }
        min = n == 0 ? other.min : Math.min(min, other.min);
        max = n == 0 ? other.max : Math.max(max, other.max);
        n += other.n;
        minK = Math.min(minK, other.minK);
        while (levels.length < other.levels.length) {
            addLevel();
        }
        double[] level0 = Arrays.copyOf(levels[0], Math.max(levels[0].length, sizes[0] + other.sizes[0]));
        System.arraycopy(other.levels[0], 0, level0, sizes[0], other.sizes[0]);
        levels[0] = level0;
        sizes[0] += other.sizes[0];
        for (int h = 1; h < other.levels.length; h++) {
            mergeInto(h, other.levels[h], 0, 1, other.sizes[h]);
        }
        retained += other.retained;
        while (retained > capacity) {
            compactLowestFullLevel();
        }
        view = null;
    }

    public boolean isEmpty() {
        return n == 0;
    }

    public long getN() {
        return n;
    }

    public int getK() {
        return k;
    }

    public int getNumRetained() {
        return retained;
    }

    /** True while no value has been compacted away: every query is then exact. */
    public boolean isExact() {
        return retained == n;
    }

    public double getMinItem() {
        requireNotEmpty();
        return min;
    }

    public double getMaxItem() {
        requireNotEmpty();
        return max;
    }

    /**
     * The smallest retained value whose inclusive rank reaches {@code rank} (for an exact sketch:
     * the inverted-CDF quantile); rank 0 is the minimum and rank 1 the maximum seen.
     */
    public double getQuantile(double rank) {
        requireNotEmpty();
        if (!(rank >= 0 && rank <= 1)) {
            throw new IllegalArgumentException("rank must be in [0, 1], was " + rank);
        }
        if (rank == 0) {
            return min;
        }
        if (rank == 1) {
            return max;
        }
        SortedView sorted = sortedView();
        double exactRank = rank * n;
        long naturalRank = (long) Math.ceil(exactRank);
        long[] cumulative = sorted.cumulativeWeights();
        int index = Arrays.binarySearch(cumulative, naturalRank);
        if (index < 0) {
            index = -index - 1;
        }
        return sorted.values()[Math.min(index, cumulative.length - 1)];
    }

    public double[] getQuantiles(double[] ranks) {
        double[] quantiles = new double[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            quantiles[i] = getQuantile(ranks[i]);
        }
        return quantiles;
    }

    /** The share of values ≤ {@code value} (inclusive rank). */
    public double getRank(double value) {
        requireNotEmpty();
        SortedView sorted = sortedView();
        int upTo = upperBound(sorted.values(), value);
        return upTo == 0 ? 0 : (double) sorted.cumulativeWeights()[upTo - 1] / n;
    }

    /**
     * The inclusive ranks at ascending, distinct split points, followed by 1: entry i minus entry
     * i − 1 is the share of values in (split i − 1, split i].
     */
    public double[] getCDF(double[] splitPoints) {
        for (int i = 0; i < splitPoints.length; i++) {
            if (!Double.isFinite(splitPoints[i]) || (i > 0 && !(splitPoints[i] > splitPoints[i - 1]))) {
                throw new IllegalArgumentException("split points must be finite, distinct and ascending");
            }
        }
        double[] cdf = new double[splitPoints.length + 1];
        for (int i = 0; i < splitPoints.length; i++) {
            cdf[i] = getRank(splitPoints[i]);
        }
        cdf[splitPoints.length] = 1.0;
        return cdf;
    }

    /**
     * The normalised rank error ε at 99 % confidence, DataSketches' empirical fit for KLL:
     * 2.296 / k^0.9723 for a single rank, 2.446 / k^0.9433 for a whole PMF (both ranks of a bin).
     */
    public double getNormalizedRankError(boolean pmf) {
        return pmf ? 2.446 / Math.pow(minK, 0.9433) : 2.296 / Math.pow(minK, 0.9723);
    }

    /** The retained values in ascending order with their cumulative weights (the last equals n). */
    public SortedView sortedView() {
        requireNotEmpty();
        if (view == null) {
            view = buildSortedView();
        }
        return view;
    }

    public byte[] toByteArray() {
        return KllFormat.write(this);
    }

    /** Retained values with cumulative weights, ascending; duplicates stay separate entries. */
    public record SortedView(double[] values, long[] cumulativeWeights) {
    }

    // --- state shared with KllFormat ---

    int minK() {
        return minK;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    int numLevels() {
        return levels.length;
    }

    int levelSize(int h) {
        return sizes[h];
    }

    double[] level(int h) {
        return levels[h];
    }

    /** Rebuilds a sketch from its parts; levels above 0 must be sorted (KllFormat checks). */
    static KllSketch of(int k, int minK, long n, double min, double max, double[][] levels) {
        KllSketch sketch = new KllSketch(k);
        sketch.minK = minK;
        sketch.n = n;
        sketch.min = min;
        sketch.max = max;
        sketch.levels = levels;
        sketch.sizes = new int[levels.length];
        for (int h = 0; h < levels.length; h++) {
            sketch.sizes[h] = levels[h].length;
            sketch.retained += levels[h].length;
        }
        sketch.setCapacities(levels.length);
        return sketch;
    }

    /**
     * Capacity of level {@code height} in a sketch of {@code numLevels} levels:
     * max(m, round(k · (2/3)^depth)), computed in integers as DataSketches does so that the
     * level offsets written in the compact format agree with its readers.
     */
    static int levelCapacity(int k, int numLevels, int height) {
        int depth = numLevels - height - 1;
        if (depth > 30) {
            return MIN_LEVEL_WIDTH; // k·(2/3)^31 < 1 for every allowed k
        }
        long scaled = ((2L * k) << depth) / pow3(depth);
        return (int) Math.max(MIN_LEVEL_WIDTH, (scaled + 1) >>> 1);
    }

    static int totalCapacity(int k, int numLevels) {
        int total = 0;
        for (int h = 0; h < numLevels; h++) {
            total += levelCapacity(k, numLevels, h);
        }
        return total;
    }

    private static long pow3(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 3;
        }
        return result;
    }

    private void compactLowestFullLevel() {
        int numLevels = levels.length;
        int h = 0;
        while (h < numLevels && sizes[h] < capacities[h]) {
            h++;
        }
        if (h == numLevels) {
            throw new IllegalStateException("KLL sketch over capacity with no full level"); // cannot happen
        }
        if (h == numLevels - 1) {
            addLevel();
        }
        double[] items = levels[h];
        int size = sizes[h];
        if (h == 0) {
            Arrays.sort(items, 0, size);
        }
        // An odd item stays behind; of the pairs, one item in two goes up with twice the weight.
        int kept = size % 2;
        int pairs = size / 2;
        int offset = kept + coin(h, items[size / 2]);
        mergeInto(h + 1, items, offset, 2, pairs);
        // The kept item is items[0] (the smallest): the pairs are items[kept ..].
        sizes[h] = kept;
        retained -= pairs;
    }

    /**
     * 0 or 1, evenly and independently enough: SplitMix64's finaliser of the count, the level and
     * the level's middle item. The item matters: with the count alone, every sketch of the same
     * size flips the same coins (four partitions of a window all err the same way, and so does
     * every window of that size), so their errors add up instead of cancelling.
     */
    private int coin(int level, double middle) {
        long z = (n * 0x9E3779B97F4A7C15L + level) ^ Double.doubleToRawLongBits(middle);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) ((z ^ (z >>> 31)) & 1);
    }

    private void addLevel() {
        int numLevels = levels.length + 1;
        levels = Arrays.copyOf(levels, numLevels);
        levels[numLevels - 1] = new double[0];
        sizes = Arrays.copyOf(sizes, numLevels);
        setCapacities(numLevels);
    }

    private void setCapacities(int numLevels) {
        capacities = new int[numLevels];
        capacity = 0;
        for (int h = 0; h < numLevels; h++) {
            capacities[h] = levelCapacity(k, numLevels, h);
            capacity += capacities[h];
        }
    }

    /**
     * Merges {@code count} sorted items of {@code from} (at {@code start}, every {@code stride}-th)
     * into sorted level {@code h}, in place from the back: levels grow by doubling, so that a
     * compaction allocates nothing most of the time.
     */
    private void mergeInto(int h, double[] from, int start, int stride, int count) {
        int size = sizes[h];
        double[] level = levels[h];
        if (size + count > level.length) {
            level = levels[h] = Arrays.copyOf(level, Math.max(8, Math.max(size + count, 2 * level.length)));
        }
        int i = size - 1;
        int j = count - 1;
        for (int o = size + count - 1; j >= 0; o--) {
            double next = from[start + stride * j];
            if (i >= 0 && level[i] > next) {
                level[o] = level[i--];
            } else {
                level[o] = next;
                j--;
            }
        }
        sizes[h] = size + count;
    }

    private SortedView buildSortedView() {
        double[] values = Arrays.copyOf(levels[0], sizes[0]);
        Arrays.sort(values);
        long[] weights = new long[values.length];
        Arrays.fill(weights, 1);
        for (int h = 1; h < levels.length; h++) {
            int size = sizes[h];
            double[] level = levels[h];
            double[] mergedValues = new double[values.length + size];
            long[] mergedWeights = new long[mergedValues.length];
            long weight = 1L << h;
            int i = 0;
            int j = 0;
            for (int o = 0; o < mergedValues.length; o++) {
                if (j >= size || (i < values.length && values[i] <= level[j])) {
                    mergedValues[o] = values[i];
                    mergedWeights[o] = weights[i++];
                } else {
                    mergedValues[o] = level[j++];
                    mergedWeights[o] = weight;
                }
            }
            values = mergedValues;
            weights = mergedWeights;
        }
        for (int i = 1; i < weights.length; i++) {
            weights[i] += weights[i - 1];
        }
        return new SortedView(values, weights);
    }

    /** The number of values ≤ x in an ascending array. */
    private static int upperBound(double[] ascending, double x) {
        int low = 0;
        int high = ascending.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ascending[mid] <= x) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private void requireNotEmpty() {
        if (n == 0) {
            throw new IllegalStateException("the sketch is empty");
        }
    }
}
