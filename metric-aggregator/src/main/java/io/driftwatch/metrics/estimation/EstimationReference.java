package io.driftwatch.metrics.estimation;

import io.driftwatch.events.ReferencePerformance;

/**
 * What estimation needs of a model version's reference profile: its realised performance and
 * its score calibration, decoded once.
 *
 * @param calibration null when the raw scores are used
 */
public record EstimationReference(ReferencePerformance performance, CalibrationMap calibration) {

    /** @return null when the profile holds no performance section */
    public static EstimationReference of(ReferencePerformance performance) {
        if (performance == null) {
            return null;
        }
        return new EstimationReference(performance,
                performance.getCalibration() == null ? null : CalibrationMap.of(performance.getCalibration()));
    }

    public String positiveLabel() {
        return performance.getPositiveLabel();
    }
}
