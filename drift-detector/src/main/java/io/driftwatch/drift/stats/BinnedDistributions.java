package io.driftwatch.drift.stats;

/**
 * Two distributions over the same bins (the reference's fixed bins, or categories) as
 * probabilities. Empty bins get a small floor so that logarithms stay finite: the usual
 * convention for PSI, documented in docs/drift.md.
 */
final class BinnedDistributions {

    /** Probability given to a bin that no observation fell into. */
    static final double EMPTY_BIN_PROBABILITY = 1e-4;

    private BinnedDistributions() {
    }

    static double[] probabilities(long[] counts, boolean floorEmptyBins) {
        double total = 0;
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("bin counts must not be negative");
            }
            total += c;
        }
        if (total == 0) {
            throw new IllegalArgumentException("no observations in any bin");
        }
        double[] p = new double[counts.length];
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            p[i] = floorEmptyBins ? Math.max(counts[i] / total, EMPTY_BIN_PROBABILITY) : counts[i] / total;
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    static void requireSameBins(long[] reference, long[] current) {
        if (reference.length != current.length) {
            throw new IllegalArgumentException("reference has " + reference.length + " bins, current " + current.length);
        }
    }
}
