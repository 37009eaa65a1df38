package io.driftwatch.metrics.estimation;

import java.util.Arrays;

/**
 * Weighted isotonic (non-decreasing) least-squares regression by pool-adjacent-violators (Ayer et
 * al. 1955; Barlow et al., "Statistical inference under order restrictions", 1972): blocks of
 * adjacent points are pooled to their weighted mean while a block's mean exceeds the next one's.
 * Points with equal x are pooled first, as scikit-learn's {@code IsotonicRegression} does, so the
 * fit is a function of x.
 */
public final class IsotonicRegression {

    /** The fit: the distinct x ascending and the fitted value at each. */
    public record Fit(double[] x, double[] values) {
    }

    private IsotonicRegression() {
    }

    /**
     * @param x any order, finite; copied
     * @param y the responses, finite
     * @param w the weights, positive
     */
    public static Fit fit(double[] x, double[] y, double[] w) {
        if (x.length != y.length || x.length != w.length) {
            throw new IllegalArgumentException("x, y and w must have the same length");
        }
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i]) || !(w[i] > 0)) {
                throw new IllegalArgumentException("point " + i + " is not finite or has a weight that is not positive");
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        // Distinct x with the weighted sum of y and the weight of their points.
        double[] xs = new double[x.length];
        double[] sums = new double[x.length];
        double[] weights = new double[x.length];
        int distinct = 0;
        for (int i : order) {
            if (distinct == 0 || x[i] != xs[distinct - 1]) {
                xs[distinct++] = x[i];
            }
            sums[distinct - 1] += w[i] * y[i];
            weights[distinct - 1] += w[i];
        }
        return new Fit(Arrays.copyOf(xs, distinct), pool(sums, weights, distinct));
    }

    /**
     * The fit at points already in x order, each given by the weighted sum of its responses and its
     * weight: a pooled block's value is then its sum over its weight, exact for integer counts.
     */
    static double[] fitSums(double[] sums, double[] weights) {
        return pool(sums.clone(), weights.clone(), sums.length);
    }

    /** PAV over the first {@code n} points given by weighted sums and weights, in x order; consumes the arrays. */
    private static double[] pool(double[] sums, double[] weights, int n) {
        int[] blockEnd = new int[n]; // exclusive end of each block, indexed by block
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            sums[blocks] = sums[i];
            weights[blocks] = weights[i];
            blockEnd[blocks] = i + 1;
            blocks++;
            // Merge backwards while the last block's mean is below the one before it.
            while (blocks > 1 && sums[blocks - 2] * weights[blocks - 1] >= sums[blocks - 1] * weights[blocks - 2]) {
                sums[blocks - 2] += sums[blocks - 1];
                weights[blocks - 2] += weights[blocks - 1];
                blockEnd[blocks - 2] = blockEnd[blocks - 1];
                blocks--;
            }
        }
        double[] values = new double[n];
        int start = 0;
        for (int b = 0; b < blocks; b++) {
            Arrays.fill(values, start, blockEnd[b], sums[b] / weights[b]);
            start = blockEnd[b];
        }
        return values;
    }
}
