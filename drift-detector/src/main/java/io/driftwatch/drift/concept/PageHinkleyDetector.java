package io.driftwatch.drift.concept;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * Page–Hinkley test for an increase of the mean (Page 1954; in the form of Gama et al. 2013 with
 * a fading factor). With x̄ₜ the running mean, mₜ = α·mₜ₋₁ + (xₜ − x̄ₜ − δ) and Mₜ = min mₜ, DRIFT
 * when mₜ − Mₜ > λ, after {@code minSamples}. WARNING when mₜ − Mₜ exceeds {@code warningFraction}
 * of λ, a Driftwatch addition (the test itself has one threshold). Defaults: δ = 0.005, λ = 50,
 * α = 0.9999, 30 samples, warning at half of λ.
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
    private double minimum;

    public PageHinkleyDetector() {
        this(0.005, 50, 0.9999, 30, 0.5);
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
        minimum = Double.MAX_VALUE;
    }

    @Override
    public DriftLevel update(double x) {
        n++;
        mean += (x - mean) / n;
        cumulative = alpha * cumulative + (x - mean - delta);
        minimum = Math.min(minimum, cumulative);
        if (n < minSamples) {
            return DriftLevel.STABLE;
        }
        double statistic = cumulative - minimum;
        if (statistic > lambda) {
            reset();
            return DriftLevel.DRIFT;
        }
        return statistic > warningFraction * lambda ? DriftLevel.WARNING : DriftLevel.STABLE;
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
            out.writeDouble(minimum);
        });
    }

    static PageHinkleyDetector read(DataInputStream in) throws IOException {
        PageHinkleyDetector d = new PageHinkleyDetector(in.readDouble(), in.readDouble(), in.readDouble(),
                in.readLong(), in.readDouble());
        d.n = in.readLong();
        d.mean = in.readDouble();
        d.cumulative = in.readDouble();
        d.minimum = in.readDouble();
        return d;
    }

    @Override
    public long samples() {
        return n;
    }
}
