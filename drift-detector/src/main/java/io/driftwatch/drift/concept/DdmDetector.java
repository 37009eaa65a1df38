package io.driftwatch.drift.concept;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * DDM, the Drift Detection Method (Gama, Medas, Castillo &amp; Rodrigues 2004). The error rate
 * pᵢ of a Bernoulli stream and its deviation sᵢ = √(pᵢ(1 − pᵢ)/i) are tracked; (p_min, s_min) is
 * where pᵢ + sᵢ was lowest. WARNING when pᵢ + sᵢ ≥ p_min + w·s_min, DRIFT when
 * pᵢ + sᵢ ≥ p_min + d·s_min; nothing before {@code minSamples}. Defaults are the paper's:
 * w = 2, d = 3, 30 samples.
 */
public final class DdmDetector implements ConceptDriftDetector {

    private final double warningLevel;
    private final double driftLevel;
    private final long minSamples;
    private long n;
    private double errorRate;
    private double pMin;
    private double sMin;

    public DdmDetector() {
        this(2.0, 3.0, 30);
    }

    public DdmDetector(double warningLevel, double driftLevel, long minSamples) {
        if (!(warningLevel > 0 && driftLevel > warningLevel && minSamples >= 1)) {
            throw new IllegalArgumentException("DDM needs 0 < warning level < drift level and at least one sample");
        }
        this.warningLevel = warningLevel;
        this.driftLevel = driftLevel;
        this.minSamples = minSamples;
        reset();
    }

    private void reset() {
        n = 0;
        errorRate = 0;
        pMin = Double.MAX_VALUE;
        sMin = Double.MAX_VALUE;
    }

    @Override
    public DriftLevel update(double error) {
        n++;
        errorRate += (error - errorRate) / n;
        double s = Math.sqrt(errorRate * (1 - errorRate) / n);
        if (n < minSamples) {
            return DriftLevel.STABLE;
        }
        if (errorRate + s <= pMin + sMin) {
            pMin = errorRate;
            sMin = s;
        }
        if (errorRate + s >= pMin + driftLevel * sMin) {
            reset();
            return DriftLevel.DRIFT;
        }
        return errorRate + s >= pMin + warningLevel * sMin ? DriftLevel.WARNING : DriftLevel.STABLE;
    }

    @Override
    public byte[] toBytes() {
        return DetectorCodec.write(DetectorCodec.DDM, out -> {
            out.writeDouble(warningLevel);
            out.writeDouble(driftLevel);
            out.writeLong(minSamples);
            out.writeLong(n);
            out.writeDouble(errorRate);
            out.writeDouble(pMin);
            out.writeDouble(sMin);
        });
    }

    static DdmDetector read(DataInputStream in) throws IOException {
        DdmDetector d = new DdmDetector(in.readDouble(), in.readDouble(), in.readLong());
        d.n = in.readLong();
        d.errorRate = in.readDouble();
        d.pMin = in.readDouble();
        d.sMin = in.readDouble();
        return d;
    }

    @Override
    public long samples() {
        return n;
    }
}
