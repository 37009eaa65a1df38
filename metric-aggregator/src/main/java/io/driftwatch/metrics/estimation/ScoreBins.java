package io.driftwatch.metrics.estimation;

/**
 * The grid on which scores are summarised: 1 000 equal bins of [0, 1], scores outside clamped.
 * Calibration steps start on bin edges, so a window's expected confusion matrix is exact from its
 * per-bin counts; uncalibrated, a score counts as its bin's midpoint (within 0.0005 of it). ROC
 * AUC is off by at most half the share of pairs sharing a bin.
 */
public final class ScoreBins {

    public static final int COUNT = 1_000;

    private ScoreBins() {
    }

    /** The bin of a finite score. */
    public static int of(double score) {
        return (int) Math.min(COUNT - 1, Math.max(0, Math.floor(score * COUNT)));
    }

    /** A score clamped to [0, 1], as a probability. */
    public static double clamp(double score) {
        return Math.min(1, Math.max(0, score));
    }

    /** The probability an uncalibrated score of this bin counts as. */
    static double midpoint(int bin) {
        return (bin + 0.5) / COUNT;
    }

    /** The lower edge of a bin, as stored in a profile's calibration. */
    static double lowerEdge(int bin) {
        return bin / (double) COUNT;
    }

    /** The bin a stored lower edge names. */
    static int ofEdge(double edge) {
        return (int) Math.round(edge * COUNT);
    }
}
