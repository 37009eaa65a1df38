package io.driftwatch.drift.concept;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * EDDM, the Early Drift Detection Method (Baena-García et al. 2006), for 0/1 error streams. It
 * tracks the distance (in samples) between consecutive errors: its mean p′ and standard
 * deviation s′, and the largest p′ + 2s′ seen. Once {@code minErrors} errors have occurred, the
 * ratio (p′ + 2s′) / max(p′ + 2s′) falling below α is a WARNING and below β a DRIFT: errors come
 * closer together. Defaults are the paper's: α = 0.95, β = 0.90, 30 errors.
 *
 * <p>The maximum is tracked from the {@code minErrors}-th error on, when the paper starts looking
 * for drift: taken from the first few distances, it is inflated by their noise and every later
 * window looks like a drift (on a stationary 10 % error stream: three false alarms in 1 000 samples).
 */
public final class EddmDetector implements ConceptDriftDetector {

    private final double warningRatio;
    private final double driftRatio;
    private final long minErrors;
    private long n;
    private long errors;
    private long lastError;
    private double meanDistance;
    private double sumSquares;
    private double maximum;
    private DriftLevel level;

    public EddmDetector() {
        this(0.95, 0.90, 30);
    }

    public EddmDetector(double warningRatio, double driftRatio, long minErrors) {
        if (!(driftRatio > 0 && warningRatio > driftRatio && warningRatio < 1 && minErrors >= 2)) {
            throw new IllegalArgumentException("EDDM needs 0 < drift ratio < warning ratio < 1 and at least two errors");
        }
        this.warningRatio = warningRatio;
        this.driftRatio = driftRatio;
        this.minErrors = minErrors;
        reset();
    }

    private void reset() {
        n = 0;
        errors = 0;
        lastError = 0;
        meanDistance = 0;
        sumSquares = 0;
        maximum = 0;
        level = DriftLevel.STABLE;
    }

    /** @param error 1 for a misclassification, 0 otherwise; any value above 0.5 counts as an error */
    @Override
    public DriftLevel update(double error) {
        n++;
        if (error <= 0.5) {
            return level;
        }
        errors++;
        double distance = n - lastError;
        lastError = n;
        double previousMean = meanDistance;
        meanDistance += (distance - meanDistance) / errors;
        sumSquares += (distance - previousMean) * (distance - meanDistance);
        if (errors < minErrors) {
            return level;
        }
        double m = meanDistance + 2 * Math.sqrt(sumSquares / errors);
        if (m > maximum) {
            maximum = m;
        }
        double ratio = m / maximum;
        if (ratio < driftRatio) {
            reset();
            return DriftLevel.DRIFT;
        }
        level = ratio < warningRatio ? DriftLevel.WARNING : DriftLevel.STABLE;
        return level;
    }

    @Override
    public byte[] toBytes() {
        return DetectorCodec.write(DetectorCodec.EDDM, out -> {
            out.writeDouble(warningRatio);
            out.writeDouble(driftRatio);
            out.writeLong(minErrors);
            out.writeLong(n);
            out.writeLong(errors);
            out.writeLong(lastError);
            out.writeDouble(meanDistance);
            out.writeDouble(sumSquares);
            out.writeDouble(maximum);
            out.writeByte(level.ordinal());
        });
    }

    static EddmDetector read(DataInputStream in) throws IOException {
        EddmDetector d = new EddmDetector(in.readDouble(), in.readDouble(), in.readLong());
        d.n = in.readLong();
        d.errors = in.readLong();
        d.lastError = in.readLong();
        d.meanDistance = in.readDouble();
        d.sumSquares = in.readDouble();
        d.maximum = in.readDouble();
        d.level = DriftLevel.values()[in.readByte()];
        return d;
    }

    @Override
    public long samples() {
        return n;
    }
}
