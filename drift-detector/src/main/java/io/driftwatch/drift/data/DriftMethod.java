package io.driftwatch.drift.data;

import io.driftwatch.drift.stats.JensenShannonDistance;
import io.driftwatch.drift.stats.PsiScore;
import java.util.Arrays;
import java.util.Locale;

/**
 * A statistic that can decide a feature's drift, knowing what it applies to (numeric or
 * categorical features), its name in the configuration and in reports, the configuration key of
 * its minimum effect where it has one, and its decision: its p-value at the window's size and its
 * critical value at α. Adding a method: its statistic in {@code drift/stats}, a constant here,
 * and the statistic computed in {@link WindowStatistics} (docs/architecture.md, "Extending").
 */
public enum DriftMethod {

    KS("ks", true, false, null) {
        @Override
        Decision decide(WindowStatistics s, double alpha) {
            return new Decision(s.ks().statistic(), s.ks().pValue(), s.ks().criticalValue(alpha));
        }
    },
    CHI_SQUARE("chi-square", false, true, null) {
        @Override
        Decision decide(WindowStatistics s, double alpha) {
            return new Decision(s.chiSquare().statistic(), s.chiSquare().pValue(), s.chiSquare().criticalValue(alpha));
        }
    },
    WASSERSTEIN("wasserstein", true, false, "wasserstein-threshold") {
        @Override
        Decision decide(WindowStatistics s, double alpha) {
            return new Decision(s.wasserstein(), s.wassersteinNull().pValue(s.wasserstein(), s.size()),
                    s.wassersteinNull().criticalValue(alpha, s.size()));
        }
    },
    PSI("psi", true, true, "psi-threshold") {
        @Override
        Decision decide(WindowStatistics s, double alpha) {
            return new Decision(s.psi().statistic(), s.psi().pValue(s.size(), s.bins()),
                    PsiScore.criticalValue(alpha, s.size(), s.bins()));
        }
    },
    JENSEN_SHANNON("jensen-shannon", true, true, "jensen-shannon-threshold") {
        @Override
        Decision decide(WindowStatistics s, double alpha) {
            return new Decision(s.jensenShannon().statistic(), s.jensenShannon().pValue(s.size(), s.bins()),
                    JensenShannonDistance.criticalValue(alpha, s.size(), s.bins()));
        }
    };

    /** The deciding statistic, its p-value at the window's size and its critical value at α. */
    record Decision(double statistic, double pValue, double criticalValue) {
    }

    private final String configName;
    private final boolean numeric;
    private final boolean categorical;
    private final String thresholdKey;

    DriftMethod(String configName, boolean numeric, boolean categorical, String thresholdKey) {
        this.configName = configName;
        this.numeric = numeric;
        this.categorical = categorical;
        this.thresholdKey = thresholdKey;
    }

    abstract Decision decide(WindowStatistics statistics, double alpha);

    /** The name in reports: {@code ks}, {@code chi_square}, {@code wasserstein}, ... */
    public String reportName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name in the configuration ({@code drift.features[].method}): {@code ks}, {@code chi-square}, ... */
    public String configName() {
        return configName;
    }

    /** Whether it can decide a feature of this kind. */
    public boolean appliesTo(boolean numericFeature) {
        return numericFeature ? numeric : categorical;
    }

    /** The configuration key of its minimum effect ({@code wasserstein-threshold}, …); null for a test that has none. */
    public String thresholdKey() {
        return thresholdKey;
    }

    /** @return the method configured as {@code name}, or null for none */
    public static DriftMethod ofConfigName(String name) {
        return Arrays.stream(values()).filter(m -> m.configName.equals(name)).findFirst().orElse(null);
    }
}
