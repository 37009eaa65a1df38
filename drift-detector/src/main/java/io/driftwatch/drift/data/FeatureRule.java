package io.driftwatch.drift.data;

/**
 * How one variable is decided.
 *
 * @param method     the configured method, or null to choose by sample size
 * @param thresholds the significance level and effect-size thresholds that apply to it
 */
public record FeatureRule(DriftMethod method, DriftThresholds thresholds) {
}
