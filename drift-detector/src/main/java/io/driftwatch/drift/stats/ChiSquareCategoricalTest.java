package io.driftwatch.drift.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * Pearson's chi-square test of homogeneity between the reference and current category counts
 * (a 2 × k contingency table, no continuity correction). Categories the reference never saw are
 * pooled into one "unseen" column, so a new category is evidence of drift rather than an error;
 * {@link #unseenShare()} reports how much of the current window they make up.
 */
public final class ChiSquareCategoricalTest {

    private static final ChiSquareTest COMMONS = new ChiSquareTest();

    private final double statistic;
    private final double pValue;
    private final double unseenShare;

    private ChiSquareCategoricalTest(double statistic, double pValue, double unseenShare) {
        this.statistic = statistic;
        this.pValue = pValue;
        this.unseenShare = unseenShare;
    }

    public static ChiSquareCategoricalTest of(Map<String, Long> reference, Map<String, Long> current) {
        long unseen = 0;
        long currentTotal = 0;
        for (Map.Entry<String, Long> e : current.entrySet()) {
            currentTotal += e.getValue();
            if (!reference.containsKey(e.getKey())) {
                unseen += e.getValue();
            }
        }
        List<long[]> columns = new ArrayList<>();
        for (String category : new TreeSet<>(reference.keySet())) {
            columns.add(new long[]{reference.get(category), current.getOrDefault(category, 0L)});
        }
        columns.add(new long[]{0, unseen});
        columns.removeIf(column -> column[0] == 0 && column[1] == 0);
        double share = currentTotal == 0 ? 0 : (double) unseen / currentTotal;
        long referenceTotal = columns.stream().mapToLong(c -> c[0]).sum();
        if (columns.size() < 2 || referenceTotal == 0 || currentTotal == 0) {
            return new ChiSquareCategoricalTest(0, 1, share);
        }
        long[] ref = columns.stream().mapToLong(c -> c[0]).toArray();
        long[] cur = columns.stream().mapToLong(c -> c[1]).toArray();
        return new ChiSquareCategoricalTest(COMMONS.chiSquareDataSetsComparison(ref, cur),
                COMMONS.chiSquareTestDataSetsComparison(ref, cur), share);
    }

    public double statistic() {
        return statistic;
    }

    public double pValue() {
        return pValue;
    }

    /** Share of the current window's observations in categories the reference never saw. */
    public double unseenShare() {
        return unseenShare;
    }

    public boolean isDrift(double alpha) {
        return pValue < alpha;
    }
}
