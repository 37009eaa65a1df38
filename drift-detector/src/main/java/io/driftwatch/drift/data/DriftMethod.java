package io.driftwatch.drift.data;

import java.util.Locale;

/** How a feature's drift is decided: a test's p-value, or an effect size against a threshold. */
public enum DriftMethod {
    KS(true), CHI_SQUARE(true), WASSERSTEIN(false), PSI(false), JENSEN_SHANNON(false);

    private final boolean test;

    DriftMethod(boolean test) {
        this.test = test;
    }

    /** True for a statistical test (decided by p-value, subject to the multiple-testing correction). */
    public boolean isTest() {
        return test;
    }

    /** The name in reports: {@code ks}, {@code chi_square}, {@code wasserstein}, ... */
    public String reportName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
