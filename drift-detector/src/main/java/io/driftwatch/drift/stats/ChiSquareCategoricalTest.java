package io.driftwatch.drift.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * Pearson's chi-square test of homogeneity between the reference and current category counts
 * (a 2 × k contingency table, no continuity correction; the p-value from χ²'s survival function,
 * so that it does not round to 0). Categories the reference never saw are
 * pooled into one "unseen" column, so a new category is evidence of drift rather than an error;
 * {@link #unseenShare()} reports how much of the current window they make up.
 */
public final class ChiSquareCategoricalTest {

    private static final ChiSquareTest COMMONS = new ChiSquareTest();

    private final double statistic;
    private final int degreesOfFreedom;
    private final double unseenShare;

    private ChiSquareCategoricalTest(double statistic, int degreesOfFreedom, double unseenShare) {
        this.statistic = statistic;
        this.degreesOfFreedom = degreesOfFreedom;
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
            return new ChiSquareCategoricalTest(0, 0, share);
        }
        long[] ref = columns.stream().mapToLong(c -> c[0]).toArray();
        long[] cur = columns.stream().mapToLong(c -> c[1]).toArray();
        return new ChiSquareCategoricalTest(COMMONS.chiSquareDataSetsComparison(ref, cur), columns.size() - 1, share);
    }

    public double statistic() {
        return statistic;
    }

    /** P(χ² ≥ statistic) with (columns − 1) degrees of freedom, from the survival function; 1 when fewer than two columns. */
    public double pValue() {
        return degreesOfFreedom == 0 ? 1 : NullDistributions.chiSquareSurvival(statistic, degreesOfFreedom);
    }

    /** The statistic at which the p-value is α; infinite when fewer than two columns leave nothing to test. */
    public double criticalValue(double alpha) {
        return degreesOfFreedom == 0 ? Double.POSITIVE_INFINITY : NullDistributions.chiSquareCritical(alpha, degreesOfFreedom);
    }

    /** Share of the current window's observations in categories the reference never saw. */
    public double unseenShare() {
        return unseenShare;
    }
}
