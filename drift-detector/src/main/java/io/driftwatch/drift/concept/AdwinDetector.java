package io.driftwatch.drift.concept;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * ADWIN, adaptive windowing (Bifet &amp; Gavaldà 2007, ADWIN2). The window W of recent values is
 * kept as an exponential histogram: buckets of 2ⁱ values, at most M per size, the two oldest of
 * a size merged when an M+1-th appears. When W is checked, every split of W at a bucket boundary
 * into an older W₀ and a newer W₁ is tested: when |μ₀ − μ₁| > ε_cut the oldest bucket is dropped,
 * and again, until no split qualifies. With m = 1/(1/n₀ + 1/n₁), σ² the variance of W and
 * δ′ = δ / ln n: ε_cut = √((2/m) σ² ln(2/δ′)) + (2/(3m)) ln(2/δ′).
 *
 * <p>W is checked every {@code checkInterval} values, as the paper's implementation notes
 * suggest (its authors' code checks every 32), and after every value while the last check found
 * a split past the looser warning bound: a change crosses the warning bound before the drift
 * bound, so it is then followed value by value and not found up to an interval late.
 *
 * <p>One change, one DRIFT: after a DRIFT, the window still holds samples from before the change
 * (bucket boundaries are coarse), and the following values cut them away one bucket at a time.
 * A cut that drops only samples that arrived before the last DRIFT refines that change and is not
 * signalled again; a cut that drops a sample that arrived after it is a new change.
 *
 * <p>WARNING, a Driftwatch addition, when a split would qualify at the looser {@code warningDelta}.
 * Defaults: δ = 0.001 (the paper's 0.002 raised 0.3 and 0.5 false alarms per million samples at
 * error rates 0.2 and 0.3; docs/drift.md), M = 5, a check every 32 values, warning δ = 0.01.
 */
public final class AdwinDetector implements ConceptDriftDetector {

    public static final int DEFAULT_CHECK_INTERVAL = 32;

    private final double delta;
    private final double warningDelta;
    private final int maxBucketsPerSize;
    private final int checkInterval;
    /** Buckets oldest first: count, sum and sum of squared deviations from the bucket's mean. Sizes never grow from older to newer. */
    private long[] counts = new long[32];
    private double[] sums = new double[32];
    private double[] m2s = new double[32];
    private int buckets;
    private long n;
    private double sum;
    private double m2;
    private int sinceCheck;
    private DriftLevel lastCheck = DriftLevel.STABLE;
    /** How many of the window's samples arrived before the last DRIFT was signalled. */
    private long beforeLastDrift;

    public AdwinDetector() {
        this(0.001, 0.01, 5, DEFAULT_CHECK_INTERVAL);
    }

    public AdwinDetector(double delta, double warningDelta, int maxBucketsPerSize, int checkInterval) {
        if (!(delta > 0 && warningDelta > delta && warningDelta < 1 && maxBucketsPerSize >= 2 && checkInterval >= 1)) {
            throw new IllegalArgumentException("ADWIN needs 0 < delta < warning delta < 1, at least 2 buckets per size "
                    + "and a check interval of at least 1");
        }
        this.delta = delta;
        this.warningDelta = warningDelta;
        this.maxBucketsPerSize = maxBucketsPerSize;
        this.checkInterval = checkInterval;
    }

    @Override
    public DriftLevel update(double value) {
        append(1, value, 0);
        compress();
        if (++sinceCheck < checkInterval && lastCheck != DriftLevel.WARNING) {
            return DriftLevel.STABLE;
        }
        sinceCheck = 0;
        lastCheck = cut();
        if (lastCheck != DriftLevel.DRIFT) {
            return lastCheck;
        }
        boolean newChange = false;
        do {
            newChange |= counts[0] > beforeLastDrift;
            beforeLastDrift = Math.max(0, beforeLastDrift - counts[0]);
            dropOldest();
            lastCheck = cut();
        } while (lastCheck == DriftLevel.DRIFT);
        if (!newChange) {
            return lastCheck;
        }
        beforeLastDrift = n;
        return DriftLevel.DRIFT;
    }

    @Override
    public byte[] toBytes() {
        return DetectorCodec.write(DetectorCodec.ADWIN, out -> {
            out.writeDouble(delta);
            out.writeDouble(warningDelta);
            out.writeInt(maxBucketsPerSize);
            out.writeInt(checkInterval);
            out.writeLong(n);
            out.writeDouble(sum);
            out.writeDouble(m2);
            out.writeInt(sinceCheck);
            out.writeBoolean(lastCheck == DriftLevel.WARNING);
            out.writeLong(beforeLastDrift);
            out.writeInt(buckets);
            for (int i = 0; i < buckets; i++) {
                out.writeLong(counts[i]);
                out.writeDouble(sums[i]);
                out.writeDouble(m2s[i]);
            }
        });
    }

    /** Format 1 (a check after every value, no folding) resumes with the default check interval. */
    static AdwinDetector read(DataInputStream in, byte format) throws IOException {
        double delta = in.readDouble();
        double warningDelta = in.readDouble();
        int maxBuckets = in.readInt();
        AdwinDetector d = new AdwinDetector(delta, warningDelta, maxBuckets,
                format == 1 ? DEFAULT_CHECK_INTERVAL : in.readInt());
        d.n = in.readLong();
        d.sum = in.readDouble();
        d.m2 = in.readDouble();
        if (format != 1) {
            d.sinceCheck = in.readInt();
            d.lastCheck = in.readBoolean() ? DriftLevel.WARNING : DriftLevel.STABLE;
            d.beforeLastDrift = in.readLong();
        }
        int size = in.readInt();
        for (int i = 0; i < size; i++) {
            d.push(in.readLong(), in.readDouble(), in.readDouble());
        }
        return d;
    }

    @Override
    public long samples() {
        return n;
    }

    /** The mean of the current window. */
    public double mean() {
        return n == 0 ? 0 : sum / n;
    }

    /** Adds a bucket of the newest values, and combines its statistics with the window's (Chan et al. 1979). */
    private void append(long count, double bucketSum, double bucketM2) {
        push(count, bucketSum, bucketM2);
        if (n > 0) {
            double d = bucketSum / count - sum / n;
            m2 += bucketM2 + d * d * n * count / (n + count);
        } else {
            m2 = bucketM2;
        }
        n += count;
        sum += bucketSum;
    }

    private void push(long count, double bucketSum, double bucketM2) {
        if (buckets == counts.length) {
            counts = Arrays.copyOf(counts, 2 * buckets);
            sums = Arrays.copyOf(sums, 2 * buckets);
            m2s = Arrays.copyOf(m2s, 2 * buckets);
        }
        counts[buckets] = count;
        sums[buckets] = bucketSum;
        m2s[buckets] = bucketM2;
        buckets++;
    }

    /** Drops the oldest bucket, undoing its combination with the rest of the window. */
    private void dropOldest() {
        long count = counts[0];
        long rest = n - count;
        double restSum = sum - sums[0];
        double d = restSum / rest - sums[0] / count;
        m2 = m2 - m2s[0] - d * d * count * rest / n;
        n = rest;
        sum = restSum;
        remove(0);
    }

    private void remove(int i) {
        int after = buckets - i - 1;
        System.arraycopy(counts, i + 1, counts, i, after);
        System.arraycopy(sums, i + 1, sums, i, after);
        System.arraycopy(m2s, i + 1, m2s, i, after);
        buckets--;
    }

    /** Merges the two oldest buckets of a size whenever a size has more than M, from the smallest size up. */
    private void compress() {
        int end = buckets;
        while (end > 0) {
            long size = counts[end - 1];
            int start = end;
            while (start > 0 && counts[start - 1] == size) {
                start--;
            }
            if (end - start <= maxBucketsPerSize) {
                return;
            }
            long total = 2 * size;
            double d = sums[start + 1] / size - sums[start] / size;
            m2s[start] = m2s[start] + m2s[start + 1] + d * d * size / 2;
            sums[start] += sums[start + 1];
            counts[start] = total;
            remove(start + 1);
            end = start + 1;
        }
    }

    /**
     * DRIFT when a split's means differ by more than ε_cut at δ, WARNING when one does only at the
     * warning δ, in one pass over the splits.
     */
    private DriftLevel cut() {
        if (buckets < 2) {
            return DriftLevel.STABLE;
        }
        double variance = Math.max(0, m2 / n);
        double driftLog = Math.log(2 * Math.log(n) / delta);
        double warningLog = Math.log(2 * Math.log(n) / warningDelta);
        DriftLevel level = DriftLevel.STABLE;
        long n0 = 0;
        double sum0 = 0;
        for (int i = 0; i < buckets - 1; i++) {
            n0 += counts[i];
            sum0 += sums[i];
            double inverse0 = 1.0 / n0;
            double inverse1 = 1.0 / (n - n0);
            double inverseM = inverse0 + inverse1;
            double difference = Math.abs(sum0 * inverse0 - (sum - sum0) * inverse1);
            // The warning bound is the looser: a split past the drift bound is past it too.
            if (exceeds(difference, inverseM, variance, warningLog)) {
                if (exceeds(difference, inverseM, variance, driftLog)) {
                    return DriftLevel.DRIFT;
                }
                level = DriftLevel.WARNING;
            }
        }
        return level;
    }

    /** difference > √(2 (1/m) σ² L) + (2/3) (1/m) L, without the square root. */
    private static boolean exceeds(double difference, double inverseM, double variance, double logTerm) {
        double rest = difference - 2.0 / 3.0 * inverseM * logTerm;
        return rest > 0 && rest * rest > 2 * inverseM * variance * logTerm;
    }
}
