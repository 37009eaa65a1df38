package io.driftwatch.drift.data;

import io.driftwatch.drift.profile.JointMoments;
import io.driftwatch.events.CategoricalProfile;
import io.driftwatch.events.ReferenceProfile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model version's reference profile decoded once (sketches heapified, bins unpacked) and
 * reused for every window tested against it.
 *
 * @param score        the reference of the score, or null when the profile has none
 * @param label        the reference of the predicted label, or null when the profile has none
 * @param multivariate the PCA fit on the numeric features, or null when the profile has no joint moments
 */
public record ReferenceModel(ReferenceProfile profile, Map<String, NumericReference> numeric,
                             Map<String, CategoricalProfile> categorical, NumericReference score,
                             CategoricalProfile label, MultivariateTest multivariate) {

    public static ReferenceModel of(ReferenceProfile profile) {
        Map<String, NumericReference> numeric = new LinkedHashMap<>();
        profile.getNumericFeatures().forEach((name, p) -> {
            if (p.getCount() > 0) {
                numeric.put(name, NumericReference.of(p));
            }
        });
        Map<String, CategoricalProfile> categorical = new LinkedHashMap<>();
        profile.getCategoricalFeatures().forEach((name, p) -> {
            if (p.getCount() > 0) {
                categorical.put(name, p);
            }
        });
        NumericReference score = profile.getScore() == null || profile.getScore().getCount() == 0 ? null
                : NumericReference.of(profile.getScore());
        CategoricalProfile label = profile.getPredictedLabel() == null || profile.getPredictedLabel().getCount() == 0
                ? null : profile.getPredictedLabel();
        MultivariateTest multivariate = profile.getNumericMoments() == null ? null
                : MultivariateTest.fit(JointMoments.of(profile.getNumericMoments()), MultivariateTest.DEFAULT_VARIANCE_SHARE);
        return new ReferenceModel(profile, Map.copyOf(numeric), Map.copyOf(categorical), score, label, multivariate);
    }
}
