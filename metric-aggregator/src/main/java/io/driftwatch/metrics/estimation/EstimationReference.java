package io.driftwatch.metrics.estimation;

import io.driftwatch.events.MulticlassReferencePerformance;
import io.driftwatch.events.ReferencePerformance;
import io.driftwatch.events.ReferenceProfile;

/**
 * What estimation needs of a model version's reference profile, decoded once: a binary
 * classifier's realised performance and score calibration, or a multiclass classifier's.
 *
 * @param performance the binary performance; null for a multiclass reference
 * @param calibration null when the raw scores are used (and for a multiclass reference)
 * @param multiclass  the multiclass performance; null for a binary reference
 */
public record EstimationReference(ReferencePerformance performance, CalibrationMap calibration,
                                  MulticlassReferencePerformance multiclass) {

    /** @return null when the performance is null */
    public static EstimationReference of(ReferencePerformance performance) {
        if (performance == null) {
            return null;
        }
        return new EstimationReference(performance,
                performance.getCalibration() == null ? null : CalibrationMap.of(performance.getCalibration()), null);
    }

    /** @return the profile's binary or else multiclass reference; null when it holds neither */
    public static EstimationReference of(ReferenceProfile profile) {
        if (profile.getPerformance() != null || profile.getMulticlassPerformance() == null) {
            return of(profile.getPerformance());
        }
        return new EstimationReference(null, null, profile.getMulticlassPerformance());
    }

    /** The binary reference's positive class; null for a multiclass one. */
    public String positiveLabel() {
        return performance == null ? null : performance.getPositiveLabel();
    }

    /** Whether a calibration is applied: the binary one, or at least one class's. */
    public boolean calibrated() {
        return multiclass == null ? calibration != null
                : multiclass.getClasses().stream().anyMatch(c -> c.getCalibration() != null);
    }
}
