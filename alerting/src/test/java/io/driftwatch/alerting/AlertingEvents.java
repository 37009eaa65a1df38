package io.driftwatch.alerting;

import io.driftwatch.events.ClassificationMetrics;
import io.driftwatch.events.ConceptDriftStatus;
import io.driftwatch.events.DetectorState;
import io.driftwatch.events.DriftReport;
import io.driftwatch.events.FeatureDrift;
import io.driftwatch.events.FeatureKind;
import io.driftwatch.events.FeatureQuality;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Snapshots and reports for alerting tests: window {@code w} is the w-th minute after {@link #T0}. */
final class AlertingEvents {

    static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(1);

    static {
        TrustedAvroPackages.trustEvents();
    }

    private AlertingEvents() {
    }

    static Instant start(int window) {
        return T0.plus(WINDOW.multipliedBy(window));
    }

    static long end(int window) {
        return start(window + 1).toEpochMilli();
    }

    /** The final overall snapshot of a window of a binary classifier. */
    static MetricSnapshot.Builder snapshot(String model, String version, int window, double accuracy) {
        return MetricSnapshot.newBuilder().setModelId(model).setModelVersion(version).setSegment("*").setHorizon("base")
                .setWindowStart(start(window)).setWindowEnd(start(window + 1)).setRevision(0).setFinal$(true)
                .setProvisional(false).setEmittedAt(start(window + 1)).setPredictionCount(1_000).setLabeledCount(900)
                .setLatencyQuantilesMs(Map.of("p50", 12.0, "p95", 40.0, "p99", 90.0))
                .setDataQuality(Map.of("tenure", FeatureQuality.newBuilder().setMissingRate(0.01).setInvalidRate(0)
                        .setOutOfRangeRate(0).setUnseenCategoryRate(0).build()))
                .setClassification(ClassificationMetrics.newBuilder().setConfusion(List.of()).setAccuracy(accuracy)
                        .setPerClass(Map.of()).build());
    }

    static DriftReport.Builder report(String model, String version, int window) {
        return DriftReport.newBuilder().setModelId(model).setModelVersion(version).setWindowStart(start(window))
                .setWindowEnd(start(window + 1)).setGeneratedAt(start(window + 1)).setSampleSize(5_000)
                .setReferenceSampleSize(20_000);
    }

    static FeatureDrift feature(String name, boolean drifted, boolean persistent) {
        return FeatureDrift.newBuilder().setFeature(name).setKind(FeatureKind.NUMERIC).setMethod("wasserstein")
                .setStatistics(Map.of("wasserstein", drifted ? 0.4 : 0.02)).setPersistent(persistent)
                .setThreshold(0.1).setDrifted(drifted).build();
    }

    static ConceptDriftStatus detector(String name, DetectorState state, long samplesTotal) {
        return ConceptDriftStatus.newBuilder().setDetector(name).setState(state).setObservations(samplesTotal)
                .setSamplesTotal(samplesTotal).build();
    }
}
