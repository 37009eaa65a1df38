package io.driftwatch.alerting.rules;

import java.util.Set;

/**
 * A rule on the drift reports.
 *
 * @param features for {@link Target#FEATURES}: the (important) features watched; empty for every feature
 */
public record DriftCondition(Target target, Set<String> features) implements RuleCondition {

    /**
     * What drifted: the dataset (persistently), a feature (persistently), the prediction, the
     * numeric features together (PCA reconstruction), or a concept-drift detector.
     */
    public enum Target { DATASET, FEATURES, PREDICTION, MULTIVARIATE, CONCEPT }

    public DriftCondition {
        features = Set.copyOf(features);
    }

    public boolean watches(String feature) {
        return features.isEmpty() || features.contains(feature);
    }

    @Override
    public int windows() {
        return 1;
    }

    @Override
    public String describe() {
        return switch (target) {
            case DATASET -> "dataset drift";
            case FEATURES -> "feature drift";
            case PREDICTION -> "prediction drift";
            case MULTIVARIATE -> "multivariate drift";
            case CONCEPT -> "concept drift";
        };
    }
}
