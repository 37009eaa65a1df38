package io.driftwatch.drift.data;

import io.driftwatch.drift.profile.JointMoments;
import io.driftwatch.drift.stats.MultipleTesting;
import io.driftwatch.events.CategoricalProfile;
import io.driftwatch.events.NumericProfile;
import io.driftwatch.events.ReferenceProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import io.driftwatch.schemas.sketch.KllSketch;

/**
 * Tests one window's summary (a profile of the window's predictions) against a model version's
 * reference: every feature both sides know, corrected together; then the model's output on its
 * own. Its cost depends on the number of features and the sketch size, not on the window's events.
 */
public final class WindowTest {

    /** A window's category count beyond the bound, kept apart from every real category. */
    static final String OTHER = "\u0000other";

    private WindowTest() {
    }

    /**
     * @param verdict      the features, corrected together at the model's {@code alpha}
     * @param prediction   the verdict on the model's output (score, else predicted label), or null when neither side has it
     * @param multivariate the PCA reconstruction verdict, or null when either side lacks the numeric features' joint moments
     */
    public record Result(WindowVerdict verdict, FeatureVerdict prediction, MultivariateTest.Verdict multivariate) {
    }

    /** @param multivariateAlpha significance of the multivariate test; 0 to skip it */
    public static Result run(ReferenceModel reference, ReferenceProfile window, Function<String, FeatureRule> rules,
                             MultipleTesting correction, double alpha, double datasetShare, double multivariateAlpha) {
        List<FeatureVerdict> verdicts = new ArrayList<>();
        // Sorted, so that reports list features in the same order whatever the maps' iteration order.
        new TreeMap<>(reference.numeric()).forEach((name, ref) -> {
            NumericProfile current = window.getNumericFeatures().get(name);
            if (current != null && current.getCount() > 0) {
                FeatureRule rule = rules.apply(name);
                verdicts.add(FeatureComparison.numeric(name, ref, sketch(current), rule.thresholds(), rule.method()));
            }
        });
        new TreeMap<>(reference.categorical()).forEach((name, ref) -> {
            CategoricalProfile current = window.getCategoricalFeatures().get(name);
            if (current != null && current.getCount() > 0) {
                FeatureRule rule = rules.apply(name);
                verdicts.add(FeatureComparison.categorical(name, ref, counts(current), rule.thresholds(), rule.method()));
            }
        });
        WindowVerdict verdict = WindowVerdict.of(verdicts, correction, alpha, datasetShare);

        FeatureVerdict prediction = null;
        if (reference.score() != null && window.getScore() != null && window.getScore().getCount() > 0) {
            FeatureRule rule = rules.apply("score");
            prediction = FeatureComparison.numeric("score", reference.score(), sketch(window.getScore()),
                    rule.thresholds(), rule.method());
        } else if (reference.label() != null && window.getPredictedLabel() != null
                && window.getPredictedLabel().getCount() > 0) {
            FeatureRule rule = rules.apply("predicted_label");
            prediction = FeatureComparison.categorical("predicted_label", reference.label(),
                    counts(window.getPredictedLabel()), rule.thresholds(), rule.method());
        }
        MultivariateTest.Verdict multivariate = multivariateAlpha == 0 || reference.multivariate() == null
                || window.getNumericMoments() == null ? null
                : reference.multivariate().test(JointMoments.of(window.getNumericMoments()), multivariateAlpha);
        return new Result(verdict, prediction, multivariate);
    }

    private static KllSketch sketch(NumericProfile profile) {
        return KllSketch.fromBuffer(profile.getKllSketch());
    }

    private static Map<String, Long> counts(CategoricalProfile profile) {
        Map<String, Long> counts = new HashMap<>(profile.getCategoryCounts());
        if (profile.getOtherCount() > 0) {
            counts.put(OTHER, profile.getOtherCount());
        }
        return counts;
    }
}
