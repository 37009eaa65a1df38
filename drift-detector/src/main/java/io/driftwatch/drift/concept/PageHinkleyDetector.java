package io.driftwatch.drift.concept;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * Page–Hinkley test for an increase of the mean (Page 1954) with a fading factor (Gama et al.
 * 2013), alarming as the reference implementation (MOA's {@code PageHinkleyDM}) does: with x̄ₜ
 * the running mean, mₜ = α·mₜ₋₁ + (xₜ − x̄ₜ − δ), DRIFT when mₜ > λ, after {@code minSamples}.
 * Alarming on mₜ − min mₜ instead, as the textbook CUSUM does, made the noise of a stationary
 * stream's excursions from its minimum an alarm (26 per million samples at a 10 % error rate):
 * the faded sum settles at −δ/(1 − α) on a stationary stream, so mₜ > λ asks for a rise of
 * λ + δ/(1 − α). WARNING when mₜ exceeds {@code warningFraction} of λ, a Driftwatch addition.
 *
 * <p>Defaults δ = 0.005 and 30 samples are MOA's; λ = 55 and α = 0.9995 (MOA: 50 and 0.9999)
 * hold false alarms under 0.1 per million samples at error rates up to 0.3, where MOA's raise
 * 0.4 (rate 0.2) and 0.8 (0.3), and detect a rise 0.1 → 0.3 sooner (docs/drift.md).
 */
public final class PageHinkleyDetector implements ConceptDriftDetector {

    private final double delta;
    private final double lambda;
    private final double alpha;
    private final long minSamples;
    private final double warningFraction;
    private long n;
    private double mean;
    private double cumulative;

    public PageHinkleyDetector() {
        this(0.005, 55, 0.9995, 30, 0.5);
    }

    public PageHinkleyDetector(double delta, double lambda, double alpha, long minSamples, double warningFraction) {
        if (!(delta >= 0 && lambda > 0 && alpha > 0 && alpha <= 1 && minSamples >= 1
                && warningFraction > 0 && warningFraction < 1)) {
            throw new IllegalArgumentException("Page-Hinkley needs delta >= 0, lambda > 0, 0 < alpha <= 1, "
                    + "at least one sample and 0 < warning fraction < 1");
        }
        this.delta = delta;
        this.lambda = lambda;
        this.alpha = alpha;
        this.minSamples = minSamples;
        this.warningFraction = warningFraction;
        reset();
    }

    private void reset() {
        n = 0;
        mean = 0;
        cumulative = 0;
    }

    @Override
    public DriftLevel update(double x) {
        n++;
        mean += (x - mean) / n;
        cumulative = alpha * cumulative + (x - mean - delta);
        if (n < minSamples) {
            return DriftLevel.STABLE;
        }
        if (cumulative > lambda) {
            reset();
            return DriftLevel.DRIFT;
        }
        return cumulative > warningFraction * lambda ? DriftLevel.WARNING : DriftLevel.STABLE;
    }

    @Override
    public byte[] toBytes() {
        return DetectorCodec.write(DetectorCodec.PAGE_HINKLEY, out -> {
            out.writeDouble(delta);
            out.writeDouble(lambda);
            out.writeDouble(alpha);
            out.writeLong(minSamples);
            out.writeDouble(warningFraction);
            out.writeLong(n);
            out.writeDouble(mean);
            out.writeDouble(cumulative);
        });
    }

    /** Format 1 kept the running minimum of the earlier alarm rule after the sum: read and dropped. */
    static PageHinkleyDetector read(DataInputStream in, byte format) throws IOException {
        PageHinkleyDetector d = new PageHinkleyDetector(in.readDouble(), in.readDouble(), in.readDouble(),
                in.readLong(), in.readDouble());
        d.n = in.readLong();
        d.mean = in.readDouble();
        d.cumulative = in.readDouble();
        if (format == 1) {
            in.readDouble();
        }
        return d;
    }

    @Override
    public long samples() {
        return n;
    }
}
