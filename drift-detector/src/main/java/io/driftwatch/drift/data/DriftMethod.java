package io.driftwatch.drift.data;

import java.util.Locale;

/** The statistic that decides a feature's drift, by its p-value at the window's size. */
public enum DriftMethod {
    KS, CHI_SQUARE, WASSERSTEIN, PSI, JENSEN_SHANNON;

    /** The name in reports: {@code ks}, {@code chi_square}, {@code wasserstein}, ... */
    public String reportName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
