package io.driftwatch.drift.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Corrections for testing many features of one model in the same window, where at α = 0.05
 * one feature in twenty would otherwise drift by chance alone. Every correction rejects at its
 * boundary (p ≤ the level), as Benjamini &amp; Hochberg and Bonferroni state it.
 */
public enum MultipleTesting {

    /** Each test at α on its own: p ≤ α. */
    NONE,
    /** Family-wise error control: p ≤ α / m. */
    BONFERRONI,
    /**
     * False-discovery-rate control (Benjamini &amp; Hochberg 1995): with p-values in ascending order,
     * reject the first k where k is the largest rank with p₍ₖ₎ ≤ k · α / m.
     */
    BENJAMINI_HOCHBERG;

    /** Which hypotheses are rejected (drift), in the order of {@code pValues}. */
    public boolean[] rejected(double[] pValues, double alpha) {
        int m = pValues.length;
        boolean[] rejected = new boolean[m];
        switch (this) {
            case NONE -> IntStream.range(0, m).forEach(i -> rejected[i] = pValues[i] <= alpha);
            case BONFERRONI -> IntStream.range(0, m).forEach(i -> rejected[i] = pValues[i] <= alpha / m);
            case BENJAMINI_HOCHBERG -> {
                Integer[] order = ascending(pValues);
                int largest = -1;
                for (int rank = 1; rank <= m; rank++) {
                    if (pValues[order[rank - 1]] <= rank * alpha / m) {
                        largest = rank;
                    }
                }
                for (int rank = 1; rank <= largest; rank++) {
                    rejected[order[rank - 1]] = true;
                }
            }
        }
        return rejected;
    }

    /** Adjusted p-values: unchanged; Bonferroni m·p; Benjamini–Hochberg min over j ≥ i of m·p₍ⱼ₎/j; capped at 1. */
    public double[] adjusted(double[] pValues) {
        int m = pValues.length;
        double[] adjusted = new double[m];
        switch (this) {
            case NONE -> System.arraycopy(pValues, 0, adjusted, 0, m);
            case BONFERRONI -> IntStream.range(0, m).forEach(i -> adjusted[i] = Math.min(1, pValues[i] * m));
            case BENJAMINI_HOCHBERG -> {
                Integer[] order = ascending(pValues);
                double running = 1;
                for (int rank = m; rank >= 1; rank--) {
                    int i = order[rank - 1];
                    running = Math.min(running, pValues[i] * m / rank);
                    adjusted[i] = running;
                }
            }
        }
        return adjusted;
    }

    /** Indices of the p-values in ascending order of p. */
    private static Integer[] ascending(double[] pValues) {
        Integer[] order = IntStream.range(0, pValues.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        return order;
    }
}
