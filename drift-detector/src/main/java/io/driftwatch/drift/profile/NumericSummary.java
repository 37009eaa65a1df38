package io.driftwatch.drift.profile;

import io.driftwatch.events.NumericProfile;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import io.driftwatch.schemas.sketch.KllSketch;

/**
 * One numeric variable summarised in one pass and constant memory: count, missing, mean and
 * standard deviation (Welford 1962), min, max and a KLL sketch. The bins of the profile are the
 * sketch's deciles, and their counts are read off the sketch, so they carry its rank error
 * (about 1.3 % of the count at k = 200).
 */
public final class NumericSummary {

    /** Inner edges at these quantiles: ten bins of about a tenth of the reference each. */
    static final double[] DECILES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    private final KllSketch sketch = new KllSketch();
    /** This feature's position in its builder's joint moments, or −1 when it is not one of theirs. */
    int momentIndex = -1;
    private long missing;
    private double mean;
    private double sumSquares;

    /** Adds a value; null, NaN and infinities count as missing. */
    public void add(Double value) {
        if (value == null || !Double.isFinite(value)) {
            missing++;
            return;
        }
        sketch.update(value);
        long n = sketch.getN();
        double previousMean = mean;
        mean += (value - mean) / n;
        sumSquares += (value - previousMean) * (value - mean);
    }

    public void addMissing(long rows) {
        missing += rows;
    }

    /**
     * Adds a summary of other values (another partition's or window's): the sketches merge, and
     * mean and variance combine exactly by Chan, Golub and LeVeque (1979).
     */
    public void merge(NumericProfile other) {
        long m = other.getCount();
        merge(m == 0 ? null : KllSketch.fromBuffer(other.getKllSketch()), other.getMissingCount(), other.getMean(),
                m < 2 ? 0 : other.getStdDev() * other.getStdDev() * (m - 1));
    }

    /** The same for a summary in memory (another partition's), without encoding it. */
    void merge(NumericSummary other) {
        merge(other.sketch, other.missing, other.mean, other.sumSquares);
    }

    private void merge(KllSketch otherSketch, long otherMissing, double otherMean, double otherSquares) {
        missing += otherMissing;
        long m = otherSketch == null ? 0 : otherSketch.getN();
        if (m == 0) {
            return;
        }
        long n = sketch.getN();
        sketch.merge(otherSketch);
        double delta = otherMean - mean;
        long total = n + m;
        sumSquares += otherSquares + delta * delta * n * m / total;
        mean += delta * m / total;
    }

    public long count() {
        return sketch.getN();
    }

    /** About the bytes of {@link #toProfile()} in Avro: the sketch's retained values plus the fixed fields and bins. */
    int encodedSizeBound() {
        return 250 + Double.BYTES * sketch.getNumRetained();
    }

    /**
     * How many of the sketch's values fall in each bin (−∞, e₀], (e₀, e₁], …, (eₙ₋₁, +∞), read off
     * its CDF; exact while the sketch holds every value, within its rank error after that.
     */
    public static long[] binCounts(KllSketch sketch, List<Double> edges) {
        long n = sketch.getN();
        long[] counts = new long[edges.size() + 1];
        if (edges.isEmpty() || n == 0) {
            counts[0] = n;
            return counts;
        }
        double[] cdf = sketch.getCDF(edges.stream().mapToDouble(Double::doubleValue).toArray());
        long previous = 0;
        for (int i = 0; i < cdf.length; i++) {
            long cumulative = Math.round(cdf[i] * n);
            counts[i] = cumulative - previous;
            previous = cumulative;
        }
        return counts;
    }

    public NumericProfile toProfile() {
        return toProfile(true);
    }

    /** @param bins with the deciles as bin edges and their counts; without, what merging needs only */
    NumericProfile toProfile(boolean bins) {
        long n = sketch.getN();
        List<Double> edges = new ArrayList<>();
        if (n > 0 && bins) {
            for (double q : sketch.getQuantiles(DECILES)) {
                if (edges.isEmpty() || q > edges.get(edges.size() - 1)) {
                    edges.add(q);
                }
            }
        }
        List<Long> counts = new ArrayList<>();
        for (long count : binCounts(sketch, edges)) {
            counts.add(count);
        }
        return NumericProfile.newBuilder()
                .setCount(n)
                .setMissingCount(missing)
                .setMean(n == 0 ? 0 : mean)
                .setStdDev(n < 2 ? 0 : Math.sqrt(sumSquares / (n - 1)))
                .setMin(n == 0 ? 0 : sketch.getMinItem())
                .setMax(n == 0 ? 0 : sketch.getMaxItem())
                .setKllSketch(ByteBuffer.wrap(sketch.toByteArray()))
                .setBinEdges(edges)
                .setBinCounts(counts)
                .build();
    }
}
