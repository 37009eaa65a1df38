package io.driftwatch.drift.data;

import io.driftwatch.drift.profile.JointMoments;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Multivariate drift by PCA reconstruction error (as NannyML describes it): the reference's numeric
 * features are standardised, the principal components explaining {@code varianceShare} of the
 * variance are kept, and a window drifts when its rows are reconstructed from those components
 * worse than the reference's are. A change in how features move together, with unchanged
 * marginals, shows here and in no per-feature test.
 *
 * <p>Everything follows from second moments, so nothing is computed per record beyond
 * {@link JointMoments}: with z the row standardised, R = I − VVᵀ the projection onto the discarded
 * components and M = E[zzᵀ], the mean squared reconstruction error is e = tr(R M), and a window's
 * M follows from its covariance and mean shift, M = D⁻¹(Σ_w + (μ_w − μ)(μ_w − μ)ᵀ)D⁻¹. The
 * components are fitted on two of the reference's ten row groups; the reference's error is
 * measured on the other eight, and the per-row error's variance s² from how their eight errors
 * spread (on the rows they were fitted on, the error is biased low, by more than the noise of a
 * window of a few thousand rows; and heavy-tailed features spread it far beyond the Gaussian
 * 2 tr((RM)²)). Then (e_w − e_ref) / √(s² (1/n_w + 1/n_ref)) follows Student's t with 7 degrees of
 * freedom, and the one-sided p-value is its upper tail.
 */
public final class MultivariateTest {

    /** The share of the standardised variance the kept components explain (NannyML's default). */
    public static final double DEFAULT_VARIANCE_SHARE = 0.65;
    /** Significance: the bound on false alarms, 1 % of stationary windows. */
    public static final double DEFAULT_ALPHA = 0.01;

    private final List<String> features;
    private final double[] means;
    private final double[] stdDevs;
    private final double[][] residual;
    private final int components;
    private final double referenceError;
    private final double errorVariance;
    private final long referenceCount;

    private MultivariateTest(List<String> features, double[] means, double[] stdDevs, double[][] residual,
                             int components, double referenceError, double errorVariance, long referenceCount) {
        this.features = features;
        this.means = means;
        this.stdDevs = stdDevs;
        this.residual = residual;
        this.components = components;
        this.referenceError = referenceError;
        this.errorVariance = errorVariance;
        this.referenceCount = referenceCount;
    }

    /**
     * The fit on a reference, or null when it has fewer than two varying features, too few rows,
     * or its moments were not kept in groups.
     */
    public static MultivariateTest fit(JointMoments reference, double varianceShare) {
        if (!reference.grouped()) {
            return null;
        }
        JointMoments.Sums fitted = reference.groups(0, JointMoments.FIT_GROUPS);
        JointMoments.Sums held = reference.groups(JointMoments.FIT_GROUPS, JointMoments.GROUPS);
        List<String> features = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < reference.features().size(); i++) {
            if (fitted.covariance(i, i) > 0) {
                features.add(reference.features().get(i));
                indices.add(i);
            }
        }
        int d = features.size();
        if (d < 2 || fitted.count() <= d || held.count() <= d) {
            return null;
        }
        double[] means = new double[d];
        double[] stdDevs = new double[d];
        for (int a = 0; a < d; a++) {
            means[a] = fitted.mean(indices.get(a));
            stdDevs[a] = Math.sqrt(fitted.covariance(indices.get(a), indices.get(a)));
        }
        double[][] correlation = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                correlation[a][b] = fitted.covariance(indices.get(a), indices.get(b)) / (stdDevs[a] * stdDevs[b]);
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(correlation, false));
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = new Integer[d];
        for (int a = 0; a < d; a++) {
            order[a] = a;
        }
        Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        double total = Arrays.stream(values).sum();
        int kept = 0;
        double explained = 0;
        while (kept < d - 1 && explained < varianceShare * total) {
            explained += values[order[kept++]];
        }
        // R = Σ over the discarded components of v vᵀ.
        double[][] residual = new double[d][d];
        for (int c = kept; c < d; c++) {
            RealVector v = eigen.getEigenvector(order[c]);
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    residual[a][b] += v.getEntry(a) * v.getEntry(b);
                }
            }
        }
        int[] at = indices.stream().mapToInt(Integer::intValue).toArray();
        double error = error(residual, secondMoments(held, at, means, stdDevs));
        // The per-row error's variance, from how the held-out groups' errors spread around it.
        double spread = 0;
        for (int g = JointMoments.FIT_GROUPS; g < JointMoments.GROUPS; g++) {
            JointMoments.Sums group = reference.group(g);
            double deviation = error(residual, secondMoments(group, at, means, stdDevs)) - error;
            spread += group.count() * deviation * deviation;
        }
        double rowVariance = spread / (JointMoments.GROUPS - JointMoments.FIT_GROUPS - 1);
        return new MultivariateTest(List.copyOf(features), means, stdDevs, residual, kept, error, rowVariance,
                held.count());
    }

    /** tr(R M): the mean squared reconstruction error of rows whose second moments are M. */
    private static double error(double[][] residual, double[][] m) {
        double error = 0;
        for (int a = 0; a < residual.length; a++) {
            for (int b = 0; b < residual.length; b++) {
                error += residual[a][b] * m[b][a];
            }
        }
        return error;
    }

    /** M = E[zzᵀ] of some rows, z standardised by the fit's means and standard deviations. */
    private static double[][] secondMoments(JointMoments.Sums rows, int[] at, double[] means, double[] stdDevs) {
        int d = at.length;
        double[][] m = new double[d][d];
        for (int a = 0; a < d; a++) {
            double shiftA = rows.mean(at[a]) - means[a];
            for (int b = 0; b < d; b++) {
                double shiftB = rows.mean(at[b]) - means[b];
                m[a][b] = (rows.covariance(at[a], at[b]) + shiftA * shiftB) / (stdDevs[a] * stdDevs[b]);
            }
        }
        return m;
    }

    /** The principal components kept. */
    public int components() {
        return components;
    }

    /** The reference's mean squared reconstruction error, on the groups the components were not fitted on. */
    public double referenceError() {
        return referenceError;
    }

    /**
     * The verdict on a window's joint moments, or null when they do not hold the reference's
     * features or no row.
     */
    public Verdict test(JointMoments window, double alpha) {
        int d = features.size();
        int[] at = new int[d];
        for (int a = 0; a < d; a++) {
            at[a] = window.features().indexOf(features.get(a));
            if (at[a] < 0) {
                return null;
            }
        }
        JointMoments.Sums rows = window.whole();
        long n = rows.count();
        if (n == 0) {
            return null;
        }
        double error = error(residual, secondMoments(rows, at, means, stdDevs));
        double sd = Math.sqrt(errorVariance * (1.0 / n + 1.0 / referenceCount));
        double t = sd > 0 ? (error - referenceError) / sd : 0;
        TDistribution student = new TDistribution(null, JointMoments.GROUPS - JointMoments.FIT_GROUPS - 1);
        double pValue = student.cumulativeProbability(-t); // the upper tail, by symmetry: no 1 − CDF
        double threshold = referenceError - sd * student.inverseCumulativeProbability(alpha);
        return new Verdict(error, referenceError, threshold, pValue, pValue <= alpha, components, d, n);
    }

    /**
     * @param error          the window's mean squared reconstruction error (standardised units)
     * @param referenceError the reference's
     * @param threshold      the error at which the p-value is α at this window's size
     * @param components     principal components kept, of {@code features}
     * @param rows           the window's rows that held every feature
     */
    public record Verdict(double error, double referenceError, double threshold, double pValue, boolean drifted,
                          int components, int features, long rows) {

        /** Error over threshold: past 1 is past it. */
        public double score() {
            return threshold > 0 ? error / threshold : 0;
        }
    }
}
