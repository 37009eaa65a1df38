package io.driftwatch.drift;

import io.driftwatch.drift.concept.ModelDetectors.DetectorStatus;
import io.driftwatch.drift.data.FeatureVerdict;
import io.driftwatch.drift.data.MultivariateTest;
import io.driftwatch.events.ConceptDriftStatus;
import io.driftwatch.events.DetectorState;
import io.driftwatch.events.DriftReport;
import io.driftwatch.events.FeatureDrift;
import io.driftwatch.events.FeatureKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Turns verdicts and detector statuses into the {@link DriftReport} event; aggregates only. */
final class DriftReports {

    /** The feature name of the multivariate entry. */
    static final String MULTIVARIATE = "multivariate";

    private DriftReports() {
    }

    /** The report's key: model/version/window start. */
    static String key(String modelId, String modelVersion, long windowStart) {
        return modelId + "/" + modelVersion + "/" + windowStart;
    }

    /**
     * @param persistent whether a feature's drift has persisted (K of the last N windows)
     */
    static FeatureDrift feature(FeatureVerdict verdict, Predicate<String> persistent) {
        Map<String, Double> statistics = new LinkedHashMap<>(verdict.statistics());
        statistics.put("reference_count", (double) verdict.referenceCount());
        statistics.put("current_count", (double) verdict.currentCount());
        return FeatureDrift.newBuilder()
                .setFeature(verdict.feature())
                .setKind(verdict.numeric() ? FeatureKind.NUMERIC : FeatureKind.CATEGORICAL)
                .setMethod(verdict.method().reportName())
                .setStatistics(statistics)
                .setPValue(verdict.pValue())
                .setAdjustedPValue(verdict.adjustedPValue())
                .setThreshold(verdict.threshold())
                .setDrifted(verdict.drifted())
                .setStatistic(verdict.statistic())
                .setDriftScore(verdict.score())
                .setPersistent(persistent.test(verdict.feature()))
                .build();
    }

    /** The multivariate verdict as a report entry: feature {@code multivariate}, method {@code pca_reconstruction}. */
    static FeatureDrift multivariate(MultivariateTest.Verdict verdict) {
        Map<String, Double> statistics = new LinkedHashMap<>();
        statistics.put("pca_reconstruction", verdict.error());
        statistics.put("reference_error", verdict.referenceError());
        statistics.put("components", (double) verdict.components());
        statistics.put("features", (double) verdict.features());
        statistics.put("current_count", (double) verdict.rows());
        return FeatureDrift.newBuilder()
                .setFeature(MULTIVARIATE)
                .setKind(FeatureKind.NUMERIC)
                .setMethod("pca_reconstruction")
                .setStatistics(statistics)
                .setPValue(verdict.pValue())
                .setThreshold(verdict.threshold())
                .setDrifted(verdict.drifted())
                .setStatistic(verdict.error())
                .setDriftScore(verdict.score())
                .build();
    }

    static ConceptDriftStatus concept(DetectorStatus status) {
        return ConceptDriftStatus.newBuilder()
                .setDetector(status.detector())
                .setState(DetectorState.valueOf(status.level().name()))
                .setObservations(status.observations())
                .setSamplesTotal(status.samplesTotal())
                .setDriftsSinceLastReport(status.driftsSinceReport())
                .setLastWarningSample(status.lastWarningSample())
                .setLastWarningTime(status.lastWarningTime() == null ? null : Instant.ofEpochMilli(status.lastWarningTime()))
                .setLastDriftSample(status.lastDriftSample())
                .setLastDriftTime(status.lastDriftTime() == null ? null : Instant.ofEpochMilli(status.lastDriftTime()))
                .build();
    }

    static DriftReport report(Partial window, long windowEnd, long referenceSize, List<FeatureDrift> features,
                              FeatureDrift prediction, FeatureDrift multivariate, double share, boolean datasetDrift,
                              boolean persistent, List<ConceptDriftStatus> concept) {
        return DriftReport.newBuilder()
                .setModelId(window.modelId())
                .setModelVersion(window.modelVersion())
                .setWindowStart(Instant.ofEpochMilli(window.sliceStart()))
                .setWindowEnd(Instant.ofEpochMilli(windowEnd))
                .setGeneratedAt(Instant.now())
                .setSampleSize(window.count())
                .setReferenceSampleSize(referenceSize)
                .setFeatures(features)
                .setPredictionDrift(prediction)
                .setMultivariateDrift(multivariate)
                .setDriftedFeatureShare(share)
                .setDatasetDrift(datasetDrift)
                .setPersistent(persistent)
                .setConceptDrift(concept)
                .build();
    }
}
