package io.driftwatch.ingest.validation;

import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.QualityIssue;
import io.driftwatch.events.QualityIssueKind;
import io.driftwatch.runtime.config.FeatureSpec;
import io.driftwatch.runtime.config.FeatureSpec.FeatureType;
import io.driftwatch.ingest.contract.ModelContract;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds the data-quality problems of a prediction's features. They are signal, not errors: the
 * event passes through carrying them. Without declared features only NaN/infinite numbers and
 * empty categories are problems; with them, also missing, undeclared, out-of-range and unseen.
 */
public final class QualityChecker {

    private static final Comparator<QualityIssue> ORDER =
            Comparator.comparing(QualityIssue::getFeature).thenComparing(QualityIssue::getKind);

    /** The problems, sorted by feature and kind; an empty list when there are none. */
    public List<QualityIssue> check(PredictionEvent event, ModelContract contract) {
        List<QualityIssue> issues = new ArrayList<>(0);
        for (Map.Entry<String, Double> e : event.getNumericFeatures().entrySet()) {
            FeatureSpec spec = contract.features().get(e.getKey());
            Double value = e.getValue();
            if (isUndeclared(contract, spec, FeatureType.NUMERIC)) {
                issues.add(issue(e.getKey(), QualityIssueKind.UNDECLARED_FEATURE));
            } else if (value == null || !Double.isFinite(value)) {
                issues.add(issue(e.getKey(), QualityIssueKind.NOT_FINITE));
            } else if (spec != null && !spec.inRange(value)) {
                issues.add(issue(e.getKey(), QualityIssueKind.OUT_OF_RANGE));
            }
        }
        for (Map.Entry<String, String> e : event.getCategoricalFeatures().entrySet()) {
            FeatureSpec spec = contract.features().get(e.getKey());
            String value = e.getValue();
            if (isUndeclared(contract, spec, FeatureType.CATEGORICAL)) {
                issues.add(issue(e.getKey(), QualityIssueKind.UNDECLARED_FEATURE));
            } else if (value == null || value.isBlank()) {
                issues.add(issue(e.getKey(), QualityIssueKind.EMPTY_CATEGORY));
            } else if (spec != null && !spec.allows(value)) {
                issues.add(issue(e.getKey(), QualityIssueKind.UNSEEN_CATEGORY));
            }
        }
        for (FeatureSpec spec : contract.features().values()) {
            Map<String, ?> sent = spec.type() == FeatureType.NUMERIC
                    ? event.getNumericFeatures() : event.getCategoricalFeatures();
            if (!sent.containsKey(spec.name())) {
                issues.add(issue(spec.name(), QualityIssueKind.MISSING));
            }
        }
        if (issues.size() > 1) {
            issues.sort(ORDER);
        }
        return issues;
    }

    /** A feature the contract does not declare, or declares with the other type. */
    private static boolean isUndeclared(ModelContract contract, FeatureSpec spec, FeatureType sentAs) {
        return contract.declaresFeatures() && (spec == null || spec.type() != sentAs);
    }

    private static QualityIssue issue(String feature, QualityIssueKind kind) {
        return new QualityIssue(feature, kind);
    }
}
