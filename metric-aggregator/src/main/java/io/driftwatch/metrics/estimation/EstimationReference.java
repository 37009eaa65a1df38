package io.driftwatch.metrics.estimation;

import io.driftwatch.events.MulticlassReferencePerformance;
import io.driftwatch.events.ReferencePerformance;
import io.driftwatch.events.ReferenceProfile;
import java.util.Map;

/**
 * What estimation needs of a model version's reference, decoded once: a binary classifier's
 * realised performance and score calibration, or a multiclass classifier's.
 *
 * @param performance the binary performance; null for a multiclass reference
 * @param calibration null when the raw scores are used (and for a multiclass reference)
 * @param multiclass  the multiclass performance; null for a binary reference
 * @param classMaps   the class calibrations applied to a window's class tallies when it is
 *                    estimated: a captured multiclass reference's (the prediction summariser sees
 *                    published profiles only, and tallies the raw probabilities otherwise); empty
 *                    for a published one, whose maps were applied per prediction
 */
public record EstimationReference(ReferencePerformance performance, CalibrationMap calibration,
                                  MulticlassReferencePerformance multiclass, Map<String, CalibrationMap> classMaps) {

    /** @return null when the performance is null */
    public static EstimationReference of(ReferencePerformance performance) {
        if (performance == null) {
            return null;
        }
        return new EstimationReference(performance,
                performance.getCalibration() == null ? null : CalibrationMap.of(performance.getCalibration()), null,
                Map.of());
    }

    /** @return a published profile's binary or else multiclass reference; null when it holds neither */
    public static EstimationReference of(ReferenceProfile profile) {
        if (profile.getPerformance() != null || profile.getMulticlassPerformance() == null) {
            return of(profile.getPerformance());
        }
        return new EstimationReference(null, null, profile.getMulticlassPerformance(), Map.of());
    }

    /** A multiclass reference captured from the version's own windows, its maps applied to the tallies. */
    public static EstimationReference captured(MulticlassReferencePerformance multiclass) {
        return new EstimationReference(null, null, multiclass, ClassCalibrations.maps(multiclass));
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
