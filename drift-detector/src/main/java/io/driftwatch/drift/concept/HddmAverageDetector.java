package io.driftwatch.drift.concept;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * HDDM-A, drift detection from Hoeffding's inequality on moving averages (Frías-Blanco et al.
 * 2015, the A-test), for increases of the mean of values in [0, 1].
 *
 * <p>The cut point k is the prefix whose mean plus Hoeffding bound, X̄ₖ + √(ln(1/δ_d)/(2k)), is
 * lowest so far. With Ẑ the mean of all n samples, Ẑ − X̄ₖ is a weighted sum of the n independent
 * samples whose squared weights add up to 1/k − 1/n, so Hoeffding gives
 * P(Ẑ − X̄ₖ ≥ ε) ≤ exp(−2ε² / (1/k − 1/n)) under no increase: ε(δ) = √((1/k − 1/n) · ln(1/δ) / 2).
 * DRIFT when Ẑ − X̄ₖ ≥ ε(δ_d), WARNING when ≥ ε(δ_w). Defaults δ_d = 0.00005 and δ_w = 0.00025, a
 * twentieth of the paper's: the test runs after every sample, and at the paper's δ_d = 0.001 a
 * stationary stream drifted 3.9 and 10.3 times per million samples at error rates 0.2 and 0.3;
 * at 0.0001 two runs in 100 still alarmed in their first 10 000 samples (docs/drift.md).
 */
public final class HddmAverageDetector implements ConceptDriftDetector {

    private final double driftConfidence;
    private final double warningConfidence;
    private long n;
    private double sum;
    private long cutCount;
    private double cutSum;

    public HddmAverageDetector() {
        this(0.00005, 0.00025);
    }

    public HddmAverageDetector(double driftConfidence, double warningConfidence) {
        if (!(driftConfidence > 0 && warningConfidence > driftConfidence && warningConfidence < 1)) {
            throw new IllegalArgumentException("HDDM-A needs 0 < drift confidence < warning confidence < 1");
        }
        this.driftConfidence = driftConfidence;
        this.warningConfidence = warningConfidence;
        reset();
    }

    private void reset() {
        n = 0;
        sum = 0;
        cutCount = 0;
        cutSum = 0;
    }

    /** @param value an error in [0, 1]; values outside are clamped, as the bound assumes that range */
    @Override
    public DriftLevel update(double value) {
        n++;
        sum += Math.min(1, Math.max(0, value));
        if (cutCount == 0 || sum / n + bound(n) <= cutSum / cutCount + bound(cutCount)) {
            cutCount = n;
            cutSum = sum;
        }
        if (cutCount == n) {
            return DriftLevel.STABLE;
        }
        double increase = sum / n - cutSum / cutCount;
        double weights = 1.0 / cutCount - 1.0 / n;
        if (increase >= Math.sqrt(weights * Math.log(1 / driftConfidence) / 2)) {
            reset();
            return DriftLevel.DRIFT;
        }
        return increase >= Math.sqrt(weights * Math.log(1 / warningConfidence) / 2) ? DriftLevel.WARNING : DriftLevel.STABLE;
    }

    private double bound(long k) {
        return Math.sqrt(Math.log(1 / driftConfidence) / (2.0 * k));
    }

    @Override
    public byte[] toBytes() {
        return DetectorCodec.write(DetectorCodec.HDDM_A, out -> {
            out.writeDouble(driftConfidence);
            out.writeDouble(warningConfidence);
            out.writeLong(n);
            out.writeDouble(sum);
            out.writeLong(cutCount);
            out.writeDouble(cutSum);
        });
    }

    static HddmAverageDetector read(DataInputStream in) throws IOException {
        HddmAverageDetector d = new HddmAverageDetector(in.readDouble(), in.readDouble());
        d.n = in.readLong();
        d.sum = in.readDouble();
        d.cutCount = in.readLong();
        d.cutSum = in.readDouble();
        return d;
    }

    @Override
    public long samples() {
        return n;
    }
}
