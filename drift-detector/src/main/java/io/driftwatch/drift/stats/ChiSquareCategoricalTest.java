package io.driftwatch.drift.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        return of(CategoryCounts.of(reference, current));
    }

    public static ChiSquareCategoricalTest of(CategoryCounts counts) {
        double share = counts.unseenShare();
        List<long[]> columns = new ArrayList<>();
        for (int i = 0; i < counts.reference().length; i++) {
            if (counts.reference()[i] != 0 || counts.current()[i] != 0) {
                columns.add(new long[]{counts.reference()[i], counts.current()[i]});
            }
        }
        long referenceTotal = columns.stream().mapToLong(c -> c[0]).sum();
        if (columns.size() < 2 || referenceTotal == 0 || counts.currentTotal() == 0) {
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
