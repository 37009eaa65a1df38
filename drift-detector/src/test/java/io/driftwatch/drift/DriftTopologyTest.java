package io.driftwatch.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.drift.concept.ModelDetectors;
import io.driftwatch.drift.profile.JointMoments;
import io.driftwatch.drift.profile.ProfileBuilder;
import io.driftwatch.drift.profile.ProfileFitter;
import io.driftwatch.events.ConceptDriftStatus;
import io.driftwatch.events.DetectorState;
import io.driftwatch.events.DriftReport;
import io.driftwatch.events.FeatureDrift;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.TaskType;
import io.driftwatch.runtime.testing.TestRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The drift detector's windows, merges, captures and detectors, through the production topology. */
class DriftTopologyTest {

    @RegisterExtension
    static final TestRegistry registry = new TestRegistry();

    @TempDir
    Path stateDir;
    private DriftDriver drift;

    @AfterEach
    void closeDriver() {
        if (drift != null) {
            drift.close();
        }
    }

    private DriftDriver driver(Map<String, Object> section) {
        drift = new DriftDriver(registry.serdes(), section, stateDir);
        return drift;
    }

    /** Feeds each window in two halves, each followed by a flush, so that every slice merges several partials. */
    private void feedByWindow(List<PredictionEvent> predictions, int perWindow) {
        for (int from = 0; from < predictions.size(); from += perWindow / 2) {
            drift.predictions(predictions.subList(from, Math.min(predictions.size(), from + perWindow / 2)));
            drift.flush();
        }
    }

    private void closeAllWindowsBefore(int window) {
        drift.predictions(List.of(DriftScenario.tick(window)));
        drift.flush();
    }

    @Test
    void shouldNameExactlyTheShiftedFeaturesAfterTheShiftAndNoDatasetDriftBefore() {
        // 5 000 predictions a window: see DriftIT.
        DriftScenario scenario = new DriftScenario(11, 6, 5_000, 3, 99);
        driver(Map.of());
        drift.profile(DriftScenario.reference(5));
        feedByWindow(scenario.predictions, 5_000);
        closeAllWindowsBefore(8);

        List<DriftReport> reports = drift.reports();
        assertThat(reports).hasSize(6);
        for (DriftReport report : reports) {
            int window = (int) ((report.getWindowStart().toEpochMilli() - DriftScenario.T0.toEpochMilli()) / 60_000);
            assertThat(report.getSampleSize()).isEqualTo(5_000);
            assertThat(report.getReferenceSampleSize()).isEqualTo(20_000);
            assertThat(report.getFeatures()).hasSize(20);
            List<String> drifted = report.getFeatures().stream().filter(FeatureDrift::getDrifted)
                    .map(FeatureDrift::getFeature).sorted().toList();
            if (window < 3) {
                assertThat(report.getDatasetDrift()).as("window %d", window).isFalse();
                assertThat(drifted).as("window %d", window).isEmpty();
            } else {
                assertThat(drifted).as("window %d", window).isEqualTo(DriftScenario.SHIFTED);
                assertThat(report.getDriftedFeatureShare()).isEqualTo(0.1);
                assertThat(report.getDatasetDrift()).isFalse();
            }
            // Large samples decide by effect size: Wasserstein for numeric, Jensen–Shannon for categorical.
            assertThat(report.getFeatures()).extracting(FeatureDrift::getMethod)
                    .containsOnly("wasserstein", "jensen_shannon");
            assertThat(report.getPredictionDrift().getFeature()).isEqualTo("score");
            assertThat(report.getPredictionDrift().getDrifted()).isFalse();
        }
        // Persistence: 2 of 3 windows, so a shifted feature is persistent from the second shifted window on.
        assertThat(persistent(reports.get(3), "num_03")).isFalse();
        assertThat(persistent(reports.get(4), "num_03")).isTrue();
        assertThat(drift.count("driftwatch.drift.late.records")).isZero();
        assertThat(drift.meters.find("driftwatch.drift.drifted").tags("model", "churn", "feature", "num_03").gauge()
                .value()).isEqualTo(1.0);
    }

    private static boolean persistent(DriftReport report, String feature) {
        return report.getFeatures().stream().filter(f -> f.getFeature().equals(feature)).findFirst().orElseThrow()
                .getPersistent();
    }

    @Test
    void shouldMergeWindowsBelowTheMinimumSampleSizeForwardInsteadOfTestingThem() {
        DriftScenario scenario = new DriftScenario(12, 7, 200, 99, 99);
        driver(Map.of("min-window-samples", 500));
        drift.profile(DriftScenario.reference(5));
        feedByWindow(scenario.predictions, 200);
        closeAllWindowsBefore(9);

        List<DriftReport> reports = drift.reports();
        // 7 windows of 200: windows 0-2 (600), 3-5 (600); window 6 (200) waits for more.
        assertThat(reports).hasSize(2);
        assertThat(reports.get(0).getWindowStart()).isEqualTo(DriftScenario.T0);
        assertThat(reports.get(0).getWindowEnd()).isEqualTo(DriftScenario.T0.plus(DriftScenario.WINDOW.multipliedBy(3)));
        assertThat(reports.get(0).getSampleSize()).isEqualTo(600);
        assertThat(reports.get(1).getWindowStart()).isEqualTo(DriftScenario.T0.plus(DriftScenario.WINDOW.multipliedBy(3)));
        assertThat(reports.get(1).getSampleSize()).isEqualTo(600);
        // 600 values: a small sample, decided by tests.
        assertThat(reports.get(0).getFeatures()).extracting(FeatureDrift::getMethod).containsOnly("ks", "chi_square");
        assertThat(reports.get(0).getFeatures()).allSatisfy(f -> assertThat(f.getAdjustedPValue()).isNotNull());
    }

    @Test
    void shouldCaptureTheFirstPredictionsOfAVersionWithoutAProfileAndTestAgainstThemAfterwards() {
        DriftScenario scenario = new DriftScenario(13, 5, 600, 99, 99);
        driver(Map.of("auto-capture-samples", 1_000));
        feedByWindow(scenario.predictions, 600);
        closeAllWindowsBefore(7);

        List<ReferenceProfile> captured = drift.capturedProfiles();
        assertThat(captured).hasSize(1);
        ReferenceProfile profile = captured.get(0);
        assertThat(profile.getSource()).isEqualTo(ProfileSource.AUTO_CAPTURE);
        assertThat(profile.getSampleCount()).isEqualTo(1_200); // whole windows: 600 + 600 ≥ 1 000
        assertThat(profile.getNumericFeatures()).hasSize(16);
        assertThat(profile.getCategoricalFeatures()).hasSize(4);
        assertThat(profile.getNumericFeatures().get("num_00").getBinEdges()).hasSize(9);
        assertThat(profile.getNumericMoments().getGroups()).as("a reference for the multivariate test")
                .hasSize(JointMoments.GROUPS);

        List<DriftReport> reports = drift.reports();
        assertThat(reports).hasSize(5);
        assertThat(reports.subList(0, 2)).allSatisfy(r -> assertThat(r.getFeatures()).isEmpty());
        assertThat(reports.subList(2, 5)).allSatisfy(r -> {
            assertThat(r.getFeatures()).hasSize(20);
            assertThat(r.getReferenceSampleSize()).isEqualTo(1_200);
        });
    }

    @Test
    void shouldCountAPartialForAClosedSliceAsLateAndMergeItIntoTheCurrentOne() {
        DriftScenario scenario = new DriftScenario(14, 3, 600, 99, 99);
        driver(Map.of("min-window-samples", 1));
        drift.profile(DriftScenario.reference(5));
        feedByWindow(scenario.predictions.subList(0, 1_200), 600); // windows 0 and 1
        closeAllWindowsBefore(5); // closes both: the clock is at window 5
        drift.predictions(scenario.predictions.subList(1_200, 1_800)); // window 2: closed already
        drift.flush();
        closeAllWindowsBefore(8);

        assertThat(drift.count("driftwatch.drift.late.records", "kind", "predictions")).isEqualTo(600);
        List<DriftReport> reports = drift.reports();
        // The first tick closed the slices up to 3:30, so the late predictions join the first open one, window 4;
        // then window 5 holds the first tick; window 8 is still open.
        assertThat(reports).extracting(DriftReport::getSampleSize).containsExactly(600L, 600L, 600L, 1L);
        assertThat(reports.get(2).getWindowStart()).isEqualTo(DriftScenario.T0.plus(DriftScenario.WINDOW.multipliedBy(4)));
    }

    @Test
    void detectorsShouldSeeTheErrorStreamInTheOrderAnUninterruptedOfflineRunSeesIt() {
        DriftScenario scenario = new DriftScenario(15, 12, 400, 99, 6);
        driver(Map.of("min-window-samples", 1));
        // Labels in two halves per window, flushed apart, so slices merge partials before they are fed.
        List<LabeledPrediction> labels = scenario.labeled;
        for (int from = 0; from < labels.size(); from += 200) {
            drift.labeled(labels.subList(from, from + 200));
            drift.flush();
        }
        drift.labeled(List.of(DriftScenario.labeledTick(14)));
        drift.flush();
        closeAllWindowsBefore(15); // a window to report on,
        closeAllWindowsBefore(17); // and its closing

        ModelDetectors offline = scenario.offlineDetectors(drift.settings);
        Map<String, ConceptDriftStatus> reported = new HashMap<>();
        drift.reports().get(0).getConceptDrift().forEach(s -> reported.put(s.getDetector(), s));
        assertThat(reported).containsOnlyKeys("ADWIN", "DDM", "EDDM", "PAGE_HINKLEY", "HDDM_A");
        for (ModelDetectors.DetectorStatus expected : offline.report()) {
            ConceptDriftStatus actual = reported.get(expected.detector());
            assertThat(actual).as(expected.detector()).isEqualTo(ConceptDriftStatus.newBuilder(DriftReports.concept(expected))
                    .setSegment(actual.getSegment()).build());
        }
        // The error rate goes from 10 % to 40 % at window 6: the detectors that watch the rate see it.
        assertThat(reported.get("ADWIN").getState()).isEqualTo(DetectorState.DRIFT);
        assertThat(reported.get("ADWIN").getLastDriftTime())
                .isAfter(DriftScenario.T0.plus(DriftScenario.WINDOW.multipliedBy(6)));
        assertThat(reported.get("ADWIN").getSamplesTotal()).isEqualTo(12 * 400);
    }

    @Test
    void aBusyErrorSliceShouldTravelAndBeStoredInRecordsFarBelowKafkasSizeLimitAndLoseNothing() {
        // 15 000 labels within one flush interval, 12 500 of them in the first slice: no record may
        // hold more than one partial's worth of errors (25 bytes each), whatever the slice holds, or
        // a busy slice (at 2 M events, some 42 000 errors) passes the 1 MB a Kafka record may have.
        int maxRecordBytes = Partial.MAX_ERRORS * 25 + 1_000;
        DriftScenario scenario = new DriftScenario(18, 1, 15_000, 99, 99);
        driver(Map.of("min-window-samples", 1));
        drift.labeled(scenario.labeled);
        drift.flush();
        drift.labeled(List.of(DriftScenario.labeledTick(4)));
        drift.flush();
        closeAllWindowsBefore(5);
        closeAllWindowsBefore(7);

        for (String topic : List.of("drift-test-drift-partials-repartition", "drift-test-drift-slices-changelog")) {
            List<byte[]> values = drift.driver.createOutputTopic(topic, Serdes.Bytes().deserializer(),
                    Serdes.ByteArray().deserializer()).readValuesToList();
            assertThat(values).as(topic).isNotEmpty();
            assertThat(values).as(topic).allSatisfy(v -> assertThat(v == null ? 0 : v.length).isLessThan(maxRecordBytes));
        }
        ConceptDriftStatus adwin = drift.reports().get(0).getConceptDrift().stream()
                .filter(s -> s.getDetector().equals("ADWIN")).findFirst().orElseThrow();
        assertThat(adwin.getSamplesTotal()).isEqualTo(15_000);
    }

    @Test
    void theWidestPredictionIngestAcceptsShouldTravelAndBeStoredInRecordsUnderKafkasSizeLimit() {
        // 500 numeric features with 128-character names (EventLimits' upper bounds), 400 such
        // predictions in one flush interval: some 2 MB of sketches in one slice. No partial, slice
        // entry or changelog record may reach Kafka's 1 MB, and the report covers every feature.
        List<PredictionEvent> wide = widestPredictions(400, 0);
        driver(Map.of("min-window-samples", 1));
        drift.profile(profileOf(wide));
        drift.predictions(wide);
        drift.flush();
        closeAllWindowsBefore(2);
        closeAllWindowsBefore(3);

        DriftReport report = drift.reports().get(0);
        assertThat(report.getSampleSize()).isEqualTo(400);
        assertThat(report.getFeatures()).hasSize(500);
        assertEveryRecordUnderKafkasLimit(); // what the report topic held was read above
    }

    @Test
    void aWideModelsPendingWindowAndCaptureShouldBeStoredInRecordsUnderKafkasSizeLimit() {
        // No reference: the windows are captured as one (2 400 predictions of 500 features: some
        // 1.5 MB as a profile), and each stays pending below the minimum sample size.
        driver(Map.of("min-window-samples", 5_000, "auto-capture-samples", 2_000));
        for (int window = 0; window < 2; window++) {
            drift.predictions(widestPredictions(1_200, window));
            drift.flush();
        }
        closeAllWindowsBefore(3);

        List<ReferenceProfile> captured = drift.capturedProfiles();
        assertThat(captured).hasSize(1);
        assertThat(captured.get(0).getNumericFeatures()).hasSize(500);
        assertThat(captured.get(0).getSampleCount()).isEqualTo(2_400);
        assertThat(ProfileFitter.encodedSize(captured.get(0))).isLessThanOrEqualTo(ProfileFitter.MAX_RECORD_BYTES);
        assertEveryRecordUnderKafkasLimit();
    }

    private void assertEveryRecordUnderKafkasLimit() {
        int limit = 1_048_576 - 1_024;
        for (String topic : drift.driver.producedTopicNames()) {
            List<byte[]> values = drift.driver.createOutputTopic(topic, Serdes.Bytes().deserializer(),
                    Serdes.ByteArray().deserializer()).readValuesToList();
            assertThat(values).as(topic).allSatisfy(v -> assertThat(v == null ? 0 : v.length).isLessThan(limit));
        }
    }

    private static List<PredictionEvent> widestPredictions(int count, int window) {
        Random random = new Random(window);
        List<PredictionEvent> wide = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Double> numeric = new HashMap<>();
            for (int f = 0; f < 500; f++) {
                numeric.put(String.format("%0128d", f), random.nextGaussian());
            }
            wide.add(PredictionEvent.newBuilder().setPredictionId("w" + window + "-" + i).setModelId(DriftScenario.MODEL)
                    .setModelVersion(DriftScenario.VERSION)
                    .setEventTime(DriftScenario.T0.plus(DriftScenario.WINDOW.multipliedBy(window)).plusMillis(i))
                    .setNumericFeatures(numeric).setCategoricalFeatures(Map.of()).setScore(0.5).build());
        }
        return wide;
    }

    private static ReferenceProfile profileOf(List<PredictionEvent> rows) {
        ProfileBuilder builder = new ProfileBuilder(DriftScenario.MODEL, DriftScenario.VERSION,
                ProfileSource.TRAINING_DATA, TaskType.BINARY_CLASSIFICATION, 1_000);
        rows.forEach(row -> builder.add(row.getNumericFeatures(), Map.of(), row.getScore(), null, null));
        return builder.build(DriftScenario.T0);
    }

    @Test
    void partialsShouldReachTheChangelogWhenTheTaskCommitsAndLeaveItWhenSentNotBefore() {
        DriftScenario scenario = new DriftScenario(17, 1, 3, 99, 99);
        // At 0, 20 and 40 s: with 45 s of grace no window close (end + grace) falls between them, which would send them.
        driver(Map.of("grace", "45s"));
        drift.predictions(scenario.predictions); // committed after each record, never flushed downstream
        TestOutputTopic<Bytes, byte[]> changelog = drift.driver.createOutputTopic(
                "drift-test-" + DriftTopology.PREDICTION_PARTIALS + "-changelog", Serdes.Bytes().deserializer(),
                Serdes.ByteArray().deserializer());
        List<byte[]> written = changelog.readValuesToList();
        assertThat(written).isNotEmpty();
        Partial last = Partial.fromBytes(written.get(written.size() - 1));
        assertThat(last.count()).isEqualTo(3);
        assertThat(last.modelKey()).isEqualTo("churn/3");

        drift.flush();
        assertThat(changelog.readValuesToList()).as("its slice is open: held").isEmpty();
        drift.idle();
        assertThat(changelog.readValuesToList()).containsExactly((byte[]) null);
    }

    @Test
    void aVersionsPartialsShouldKeepTheJointMomentsGroupsOnlyUntilItHasAReference() {
        DriftScenario scenario = new DriftScenario(18, 1, 3, 99, 99);
        driver(Map.of("grace", "45s"));
        TestOutputTopic<Bytes, byte[]> changelog = drift.driver.createOutputTopic(
                "drift-test-" + DriftTopology.PREDICTION_PARTIALS + "-changelog", Serdes.Bytes().deserializer(),
                Serdes.ByteArray().deserializer());
        drift.predictions(scenario.predictions.subList(0, 1));
        assertThat(groupsOf(last(changelog.readValuesToList()))).as("no reference: may be captured")
                .isEqualTo(JointMoments.GROUPS);
        drift.idle();

        drift.profile(DriftScenario.reference(5));
        drift.predictions(scenario.predictions.subList(1, 3));
        assertThat(groupsOf(last(changelog.readValuesToList()))).as("tested only").isEqualTo(1);
    }

    private static byte[] last(List<byte[]> values) {
        return values.get(values.size() - 1);
    }

    private static int groupsOf(byte[] partial) {
        return Partial.fromBytes(partial).profile().getNumericMoments().getGroups().size();
    }

    @Test
    void reportsShouldCarryAggregatesOnly() {
        DriftScenario scenario = new DriftScenario(16, 1, 600, 99, 99);
        driver(Map.of("min-window-samples", 1));
        drift.profile(DriftScenario.reference(5));
        feedByWindow(scenario.predictions, 600);
        closeAllWindowsBefore(3);

        String report = drift.reports().get(0).toString();
        assertThat(report).as("no prediction ids").doesNotContain("p-0-");
        assertThat(report).as("no category values").doesNotContain("\"a\"");
        assertThat(report).contains("\"model_id\": \"churn\"");
    }
}
