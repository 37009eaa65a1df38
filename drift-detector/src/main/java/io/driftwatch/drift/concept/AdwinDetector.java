package io.driftwatch.drift.concept;

import java.io.DataInputStream;
import java.io.IOException;

import java.util.ArrayList;
import java.util.List;

/**
 * ADWIN, adaptive windowing (Bifet &amp; Gavaldà 2007, ADWIN2). The window W of recent values is
 * kept as an exponential histogram: buckets of 2ⁱ values, at most M per size, the two oldest of
 * a size merged when an M+1-th appears. After each value, every split of W at a bucket boundary
 * into an older W₀ and a newer W₁ is checked: when |μ₀ − μ₁| > ε_cut the oldest bucket is dropped,
 * and again, until no split qualifies; a drop is a DRIFT. With m = 1/(1/n₀ + 1/n₁), σ² the
 * variance of W and δ′ = δ / ln n:
 * ε_cut = √((2/m) σ² ln(2/δ′)) + (2/(3m)) ln(2/δ′).
 *
 * <p>WARNING, a Driftwatch addition, when a split would qualify at the looser {@code warningDelta}.
 * Defaults: δ = 0.002 (the paper's), M = 5, warning δ = 0.01.
 */
public final class AdwinDetector implements ConceptDriftDetector {

    private final double delta;
    private final double warningDelta;
    private final int maxBucketsPerSize;
    /** Oldest first; sizes never grow from older to newer. */
    private final List<Bucket> buckets = new ArrayList<>();
    private long n;
    private double sum;
    private double m2;

    /** Count, sum and sum of squared deviations from the bucket's mean. */
    private record Bucket(long count, double sum, double m2) {

        Bucket merge(Bucket newer) {
            long total = count + newer.count;
            double d = newer.sum / newer.count - sum / count;
            return new Bucket(total, sum + newer.sum, m2 + newer.m2 + d * d * count * newer.count / total);
        }
    }

    public AdwinDetector() {
        this(0.002, 0.01, 5);
    }

    public AdwinDetector(double delta, double warningDelta, int maxBucketsPerSize) {
        if (!(delta > 0 && warningDelta > delta && warningDelta < 1 && maxBucketsPerSize >= 2)) {
            throw new IllegalArgumentException("ADWIN needs 0 < delta < warning delta < 1 and at least 2 buckets per size");
        }
        this.delta = delta;
        this.warningDelta = warningDelta;
        this.maxBucketsPerSize = maxBucketsPerSize;
    }

    @Override
    public DriftLevel update(double value) {
        add(new Bucket(1, value, 0));
        compress();
        DriftLevel level = cut();
        if (level != DriftLevel.DRIFT) {
            return level;
        }
        do {
            remove(buckets.remove(0));
        } while (cut() == DriftLevel.DRIFT);
        return DriftLevel.DRIFT;
    }

    /** The window's length: the samples that describe the current concept. */
    @Override
    public byte[] toBytes() {
        return DetectorCodec.write(DetectorCodec.ADWIN, out -> {
            out.writeDouble(delta);
            out.writeDouble(warningDelta);
            out.writeInt(maxBucketsPerSize);
            out.writeLong(n);
            out.writeDouble(sum);
            out.writeDouble(m2);
            out.writeInt(buckets.size());
            for (Bucket b : buckets) {
                out.writeLong(b.count());
                out.writeDouble(b.sum());
                out.writeDouble(b.m2());
            }
        });
    }

    static AdwinDetector read(DataInputStream in) throws IOException {
        AdwinDetector d = new AdwinDetector(in.readDouble(), in.readDouble(), in.readInt());
        d.n = in.readLong();
        d.sum = in.readDouble();
        d.m2 = in.readDouble();
        int size = in.readInt();
        for (int i = 0; i < size; i++) {
            d.buckets.add(new Bucket(in.readLong(), in.readDouble(), in.readDouble()));
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

    private void add(Bucket bucket) {
        buckets.add(bucket);
        Bucket window = new Bucket(n, sum, m2);
        Bucket merged = n == 0 ? bucket : window.merge(bucket);
        n = merged.count();
        sum = merged.sum();
        m2 = merged.m2();
    }

    private void remove(Bucket oldest) {
        long rest = n - oldest.count();
        double restSum = sum - oldest.sum();
        // Undo the merge of the oldest bucket with the rest of the window.
        double d = restSum / rest - oldest.sum() / oldest.count();
        m2 = m2 - oldest.m2() - d * d * oldest.count() * rest / n;
        n = rest;
        sum = restSum;
    }

    /** Merges the two oldest buckets of a size whenever a size has more than M, from the smallest size up. */
    private void compress() {
        int end = buckets.size();
        while (end > 0) {
            long size = buckets.get(end - 1).count();
            int start = end;
            while (start > 0 && buckets.get(start - 1).count() == size) {
                start--;
            }
            if (end - start <= maxBucketsPerSize) {
                return;
            }
            buckets.set(start, buckets.get(start).merge(buckets.get(start + 1)));
            buckets.remove(start + 1);
            end = start + 1;
        }
    }

    /**
     * DRIFT when a split's means differ by more than ε_cut at δ, WARNING when one does only at the
     * warning δ, in one pass over the splits (the cost of every update).
     */
    private DriftLevel cut() {
        if (buckets.size() < 2) {
            return DriftLevel.STABLE;
        }
        double variance = Math.max(0, m2 / n);
        double driftLog = Math.log(2 * Math.log(n) / delta);
        double warningLog = Math.log(2 * Math.log(n) / warningDelta);
        DriftLevel level = DriftLevel.STABLE;
        long n0 = 0;
        double sum0 = 0;
        for (int i = 0; i < buckets.size() - 1; i++) {
            n0 += buckets.get(i).count();
            sum0 += buckets.get(i).sum();
            long n1 = n - n0;
            double m = 1.0 / (1.0 / n0 + 1.0 / n1);
            double difference = Math.abs(sum0 / n0 - (sum - sum0) / n1);
            // The warning bound is the looser: a split past the drift bound is past it too.
            if (exceeds(difference, m, variance, warningLog)) {
                if (exceeds(difference, m, variance, driftLog)) {
                    return DriftLevel.DRIFT;
                }
                level = DriftLevel.WARNING;
            }
        }
        return level;
    }

    /** difference > √((2/m) σ² L) + (2/(3m)) L, without the square root. */
    private static boolean exceeds(double difference, double m, double variance, double logTerm) {
        double rest = difference - 2 / (3 * m) * logTerm;
        return rest > 0 && rest * rest > 2 / m * variance * logTerm;
    }
}
