package io.driftwatch.alerting;

import static io.driftwatch.alerting.AlertingEvents.detector;
import static io.driftwatch.alerting.AlertingEvents.end;
import static io.driftwatch.alerting.AlertingEvents.feature;
import static io.driftwatch.alerting.AlertingEvents.report;
import static io.driftwatch.alerting.AlertingEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.events.Alert;
import io.driftwatch.events.AlertState;
import io.driftwatch.events.DetectorState;
import io.driftwatch.events.Estimate;
import io.driftwatch.events.EstimatedPerformance;
import io.driftwatch.events.FeatureDrift;
import io.driftwatch.events.FeatureKind;
import io.driftwatch.events.RetrainingTrigger;
import io.driftwatch.events.Severity;
import io.driftwatch.events.TriggerStatus;
import io.driftwatch.runtime.testing.TestRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Sequences of snapshots and reports through the production alerting topology → exact alert and trigger records. */
class AlertingTopologyTest {

    @RegisterExtension
    static final TestRegistry registry = new TestRegistry();

    private static final Map<String, Object> ACCURACY = Map.of("rules", List.of(
            Map.of("id", "accuracy-low", "when", "accuracy < 0.85 for 2 windows", "severity", "critical")));

    @TempDir
    Path stateDir;
    private AlertingDriver alerting;

    @AfterEach
    void close() {
        if (alerting != null) {
            alerting.close();
        }
    }

    private AlertingDriver driver(Map<String, Object> section) {
        alerting = new AlertingDriver(registry.serdes(), section, stateDir.resolve("d" + System.nanoTime()));
        return alerting;
    }

    @Test
    void aSustainedMetricViolationShouldFireOnceAndResolveOnceAfterTwoCleanWindows() {
        driver(ACCURACY);
        double[] accuracy = {0.9, 0.8, 0.8, 0.8, 0.9, 0.8, 0.9, 0.9, 0.9};
        for (int w = 0; w < accuracy.length; w++) {
            alerting.snapshot(snapshot("churn", "3", w, accuracy[w]).build());
        }
        List<Alert> alerts = alerting.alerts();
        assertThat(alerts).extracting(Alert::getState).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
        Alert firing = alerts.get(0);
        assertThat(firing.getDedupeKey()).isEqualTo("churn|3|accuracy-low|-");
        assertThat(firing.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(firing.getStartsAt()).isEqualTo(Instant.ofEpochMilli(end(1)));
        assertThat(firing.getEvidence().get(0).getValue()).isEqualTo(0.8);
        assertThat(firing.getEvidence().get(0).getThreshold()).isEqualTo(0.85);
        assertThat(firing.getSummary()).startsWith("churn v3: accuracy < 0.85 — accuracy 0.8000 < 0.8500");
        Alert resolved = alerts.get(1);
        assertThat(resolved.getDedupeKey()).isEqualTo(firing.getDedupeKey());
        // window 4 is clean, window 5 violates again, windows 6 and 7 are clean: resolved at window 6's end
        assertThat(resolved.getEndsAt()).isEqualTo(Instant.ofEpochMilli(end(6)));
        assertThat(resolved.getNotification()).isEqualTo(2);
    }

    @Test
    void revisionsAndProvisionalOrSegmentSnapshotsShouldNotCountForALabelledMetric() {
        driver(ACCURACY);
        for (int w = 0; w < 3; w++) {
            alerting.snapshot(snapshot("churn", "3", w, 0.5).setFinal$(false).build());
            alerting.snapshot(snapshot("churn", "3", w, 0.5).setSegment("country=x").build());
            alerting.snapshot(snapshot("churn", "3", w, 0.5).setProvisional(true).build());
        }
        assertThat(alerting.alerts()).isEmpty();
    }

    @Test
    void aRelativeConditionShouldCompareWithTheTrailingBaseline() {
        driver(Map.of("rules", List.of(Map.of("id", "traffic-drop", "when", "prediction_count drops 50% vs 5m"))));
        long[] counts = {1_000, 1_000, 1_000, 400, 1_000};
        for (int w = 0; w < counts.length; w++) {
            alerting.snapshot(snapshot("churn", "3", w, 0.9).setPredictionCount(counts[w]).build());
        }
        List<Alert> alerts = alerting.alerts();
        assertThat(alerts).extracting(Alert::getState).containsExactly(AlertState.FIRING);
        assertThat(alerts.get(0).getEvidence().get(0).getThreshold()).isEqualTo(1_000.0); // the baseline mean
    }

    @Test
    void driftRulesShouldAlertPerFeatureAndDetectorAndKeepWarningsOneSeverityLower() {
        driver(Map.of("rules", List.of(
                Map.of("id", "important", "drift", "features", "features", List.of("tenure")),
                Map.of("id", "concept", "drift", "concept", "severity", "critical"),
                Map.of("id", "dataset", "drift", "dataset"))));
        alerting.report(report("churn", "3", 0).setFeatures(List.of(feature("tenure", true, false), feature("plan", true, true)))
                .setConceptDrift(List.of(detector("ADWIN", DetectorState.WARNING, 500))).build());
        alerting.report(report("churn", "3", 1).setFeatures(List.of(feature("tenure", true, true)))
                .setConceptDrift(List.of(detector("ADWIN", DetectorState.DRIFT, 1_000))).setPersistent(true).build());

        List<Alert> alerts = alerting.alerts();
        assertThat(alerts).extracting(Alert::getDedupeKey).containsExactly(
                "churn|3|concept|ADWIN", "churn|3|important|tenure", "churn|3|dataset|-");
        assertThat(alerts.get(0).getSeverity()).isEqualTo(Severity.WARNING); // a WARNING of a critical rule
        assertThat(alerts.get(1).getEvidence().get(0).getStatistic()).isEqualTo("wasserstein");
        assertThat(alerts.get(1).getSummary()).isEqualTo("churn v3: feature drift (tenure) — wasserstein 0.4000 > 0.1000 at "
                + "2026-11-22T00:02:00Z; since 2026-11-22T00:02:00Z");
        assertThat(alerts.get(0).getEvidence().get(0).getStatistic()).isEqualTo("detector:ADWIN:WARNING");
    }

    @Test
    void aMultivariateRuleShouldAlertOnTheReconstructionErrorPastItsThresholdAtTheWindowsSize() {
        driver(Map.of("rules", List.of(Map.of("id", "joint", "drift", "multivariate"))));
        FeatureDrift multivariate = FeatureDrift.newBuilder().setFeature("multivariate").setKind(FeatureKind.NUMERIC)
                .setMethod("pca_reconstruction").setStatistics(Map.of("pca_reconstruction", 9.1))
                .setStatistic(9.1).setThreshold(7.5).setDriftScore(9.1 / 7.5).setPValue(1e-9).setDrifted(true).build();
        alerting.report(report("churn", "3", 0).setMultivariateDrift(multivariate).build());
        alerting.report(report("churn", "3", 1).build()); // no joint moments in this window: nothing to observe

        List<Alert> alerts = alerting.alerts();
        assertThat(alerts).extracting(Alert::getDedupeKey).containsExactly("churn|3|joint|multivariate");
        assertThat(alerts.get(0).getSummary()).startsWith(
                "churn v3: multivariate drift (multivariate) — pca_reconstruction 9.100 > 7.500 at ");
    }

    @Test
    void conceptDriftShouldTriggerRetrainingOnceNewLabelsExistAndRespectTheCooldown() {
        driver(Map.of("rules", List.of(Map.of("id", "concept", "drift", "concept")),
                "retraining", Map.of("cooldown", "10m", "min-new-labels", 1_000)));
        // window 0: DRIFT but only 800 labels; window 1: still DRIFT (firing), 1 500 labels → trigger
        alerting.report(report("churn", "3", 0).setConceptDrift(List.of(detector("ADWIN", DetectorState.DRIFT, 800))).build());
        alerting.report(report("churn", "3", 1).setConceptDrift(List.of(detector("ADWIN", DetectorState.DRIFT, 1_500))).build());
        // window 2: DRIFT again within the cooldown → nothing
        alerting.report(report("churn", "3", 2).setConceptDrift(List.of(detector("ADWIN", DetectorState.DRIFT, 1_600))).build());

        List<RetrainingTrigger> triggers = alerting.triggers();
        assertThat(triggers).hasSize(1);
        RetrainingTrigger trigger = triggers.get(0);
        assertThat(trigger.getIdempotencyKey()).isEqualTo("churn/3/" + end(1));
        assertThat(trigger.getStatus()).isEqualTo(TriggerStatus.OPEN);
        assertThat(trigger.getNewLabeledCount()).isEqualTo(1_500);
        assertThat(trigger.getTrainingDataFrom()).isEqualTo(AlertingEvents.start(0));
        assertThat(trigger.getTrainingDataTo()).isEqualTo(Instant.ofEpochMilli(end(1)));
        assertThat(trigger.getRuleIds()).containsExactly("concept");
        assertThat(trigger.getReferenceProfileKey()).isEqualTo("churn/3");
        assertThat(alerting.count("driftwatch.alerting.triggers.suppressed", "reason", "no-new-labels")).isEqualTo(1);
        assertThat(alerting.count("driftwatch.alerting.triggers.suppressed", "reason", "cooldown")).isEqualTo(1);

        // After the cooldown, without new labels since the trigger: suppressed; then a new version resolves it.
        alerting.report(report("churn", "3", 20).setConceptDrift(List.of(detector("ADWIN", DetectorState.DRIFT, 1_900))).build());
        assertThat(alerting.triggers()).isEmpty();
        assertThat(alerting.count("driftwatch.alerting.triggers.suppressed", "reason", "no-new-labels")).isEqualTo(2);
        alerting.report(report("churn", "4", 21).build());
        List<RetrainingTrigger> resolved = alerting.triggers();
        assertThat(resolved).hasSize(1);
        assertThat(resolved.get(0).getIdempotencyKey()).isEqualTo(trigger.getIdempotencyKey());
        assertThat(resolved.get(0).getStatus()).isEqualTo(TriggerStatus.RESOLVED);
        assertThat(resolved.get(0).getResolvedByVersion()).isEqualTo("4");
    }

    @Test
    void aPerformanceAlertShouldTriggerOnlyOnceViolatedForThePolicysWindows() {
        driver(Map.of("rules", List.of(Map.of("id", "accuracy-low", "when", "accuracy < 0.85")),
                "retraining", Map.of("performance-windows", 3, "min-new-labels", 100)));
        for (int w = 0; w < 5; w++) {
            alerting.snapshot(snapshot("churn", "3", w, 0.7).build());
        }
        List<RetrainingTrigger> triggers = alerting.triggers();
        assertThat(triggers).extracting(RetrainingTrigger::getIdempotencyKey).containsExactly("churn/3/" + end(2));
        assertThat(triggers.get(0).getNewLabeledCount()).isEqualTo(3 * 900);
        assertThat(triggers.get(0).getReferenceProfileKey()).isNull();
    }

    /** Reference 0.76, standard error 0.01: the threshold is 0.73; windows count when they close (revision 0). */
    @Test
    void anEstimatedMetricBelowItsReferenceBandShouldFireWhenTheWindowClosesAndTriggerOnlyWhenEnabled() {
        Map<String, Object> rules = Map.of("id", "estimated-accuracy-low", "when", "estimated_accuracy < reference - 3se");
        for (boolean enabled : new boolean[] {false, true}) {
            driver(enabled ? Map.of("rules", List.of(rules), "retraining", Map.of("on", List.of("estimated-performance"),
                    "performance-windows", 1, "min-new-labels", 100)) : Map.of("rules", List.of(rules)));
            double[] estimates = {0.75, 0.74, 0.72, 0.70};
            for (int w = 0; w < estimates.length; w++) {
                alerting.snapshot(snapshot("churn", "3", w, 0.9).setFinal$(w < 2).setEstimatedPerformance(
                        EstimatedPerformance.newBuilder().setCalibrated(true).setAccuracy(Estimate.newBuilder()
                                .setValue(estimates[w]).setStandardError(0.01).setLower(0).setUpper(1).setReference(0.76)
                                .build()).build()).build());
            }
            List<Alert> alerts = alerting.alerts();
            assertThat(alerts).extracting(Alert::getState).containsExactly(AlertState.FIRING);
            assertThat(alerts.get(0).getStartsAt()).isEqualTo(Instant.ofEpochMilli(end(2)));
            assertThat(alerts.get(0).getEvidence().get(0).getThreshold()).isCloseTo(0.73, within(1e-12));
            List<RetrainingTrigger> triggers = alerting.triggers();
            if (enabled) {
                assertThat(triggers).singleElement().satisfies(t ->
                        assertThat(t.getReason()).startsWith("estimated performance: estimated_accuracy < reference - 3.0se"));
            } else {
                assertThat(triggers).as("estimated performance is not a default cause").isEmpty();
            }
            alerting.close();
            alerting = null;
        }
    }

    @Test
    void aModelThatStopsSendingPredictionsShouldAlertOnTheWallClockAndResolveWhenItResumes() {
        driver(Map.of("check-interval", "10s", "rules", List.of(Map.of("id", "silent", "no-predictions-for", "1m"))));
        alerting.snapshot(snapshot("churn", "3", 0, 0.9).build());
        alerting.advanceWallClock(Duration.ofSeconds(50));
        assertThat(alerting.alerts()).isEmpty();
        alerting.advanceWallClock(Duration.ofSeconds(20));
        List<Alert> firing = alerting.alerts();
        assertThat(firing).extracting(Alert::getDedupeKey).containsExactly("churn|*|silent|-");
        assertThat(firing.get(0).getModelVersion()).isNull();

        alerting.snapshot(snapshot("churn", "3", 5, 0.9).build());
        alerting.advanceWallClock(Duration.ofSeconds(10));
        alerting.advanceWallClock(Duration.ofSeconds(10));
        assertThat(alerting.alerts()).extracting(Alert::getState).containsExactly(AlertState.RESOLVED);
    }

    @Test
    void aDeadLetterRateAboveItsThresholdShouldAlertPerProcessor() {
        driver(Map.of("check-interval", "30s", "rules", List.of(Map.of("id", "dead-letters", "when", "dead_letter_rate > 5"))));
        for (int i = 0; i < 3; i++) {
            alerting.deadLetter("ingest");
        }
        alerting.deadLetter("drift");
        alerting.advanceWallClock(Duration.ofSeconds(30)); // ingest: 6 a minute, drift: 2
        List<Alert> firing = alerting.alerts();
        assertThat(firing).extracting(Alert::getDedupeKey).containsExactly("*|*|dead-letters|ingest");
        assertThat(firing.get(0).getEvidence().get(0).getValue()).isEqualTo(6.0);
        alerting.advanceWallClock(Duration.ofSeconds(30));
        alerting.advanceWallClock(Duration.ofSeconds(30));
        assertThat(alerting.alerts()).extracting(Alert::getState).containsExactly(AlertState.RESOLVED);
    }

    @Test
    void aSilenceShouldMarkTheAlertButStillSendIt() {
        driver(Map.of("rules", List.of(Map.of("id", "accuracy-low", "when", "accuracy < 0.85")),
                "silences", List.of(Map.of("models", "ch*", "rules", List.of("accuracy-low"),
                        "from", "2026-11-21T00:00:00Z", "to", "2026-11-23T00:00:00Z"))));
        alerting.snapshot(snapshot("churn", "3", 0, 0.5).build());
        alerting.snapshot(snapshot("basket", "1", 0, 0.5).build());
        assertThat(alerting.alerts()).extracting(Alert::getModelId, Alert::getSilenced)
                .containsExactly(tuple("churn", true),
                        tuple("basket", false));
    }

    @Test
    void replayingTheSameInputShouldSendTheSameAlertsAndTriggers() {
        Map<String, Object> section = Map.of("rules", List.of(
                        Map.of("id", "accuracy-low", "when", "accuracy < 0.85 for 2 windows"),
                        Map.of("id", "concept", "drift", "concept")),
                "retraining", Map.of("min-new-labels", 10));
        Consumer<AlertingDriver> input = d -> {
            for (int w = 0; w < 8; w++) {
                d.snapshot(snapshot("churn", "3", w, w % 3 == 0 ? 0.9 : 0.7).build());
                d.report(report("churn", "3", w).setConceptDrift(List.of(detector("DDM",
                        w == 4 ? DetectorState.DRIFT : DetectorState.STABLE, 100L * w))).build());
            }
        };
        List<String> first = run(section, input);
        List<String> second = run(section, input);
        assertThat(first).isNotEmpty().isEqualTo(second);
        assertThat(first).anyMatch(s -> s.startsWith("trigger"));
    }

    private List<String> run(Map<String, Object> section, Consumer<AlertingDriver> input) {
        try (AlertingDriver d = new AlertingDriver(registry.serdes(), section, stateDir.resolve("r" + System.nanoTime()))) {
            input.accept(d);
            List<String> out = new ArrayList<>();
            d.alerts().forEach(a -> out.add("alert " + Alert.newBuilder(a).setSentAt(Instant.EPOCH).build()));
            d.triggers().forEach(t -> out.add("trigger " + RetrainingTrigger.newBuilder(t).setTriggeredAt(Instant.EPOCH).build()));
            return out;
        }
    }
}
