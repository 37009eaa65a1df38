package io.driftwatch.drift.data;

import io.driftwatch.drift.stats.ChiSquareCategoricalTest;
import io.driftwatch.drift.stats.JensenShannonDistance;
import io.driftwatch.drift.stats.KsTest;
import io.driftwatch.drift.stats.PsiScore;
import io.driftwatch.drift.stats.WassersteinNull;

/**
 * Every statistic of one feature's window against its reference that a {@link DriftMethod} may
 * decide with; those that do not apply to the feature's kind are null (NaN for the Wasserstein
 * distance).
 *
 * @param size the comparison's effective two-sample size, at which p-values and critical values are taken
 * @param bins the occupied bins or categories, the degrees of freedom of PSI and Jensen–Shannon
 */
record WindowStatistics(KsTest ks, ChiSquareCategoricalTest chiSquare, double wasserstein,
                        WassersteinNull wassersteinNull, PsiScore psi, JensenShannonDistance jensenShannon, double size,
                        int bins) {
}
