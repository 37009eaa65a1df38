package io.driftwatch.drift.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.drift.profile.ProfileBuilder;
import io.driftwatch.drift.stats.MultipleTesting;
import io.driftwatch.events.NumericProfile;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.TaskType;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import io.driftwatch.schemas.sketch.KllSketch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded calibration of the default decisions on 20 standard-normal features: how often a
 * stationary window is called dataset drift, and how often a 0.25 σ shift in one feature is
 * caught. Figures are printed and recorded in docs/drift.md.
 */
class CalibrationTest {

    private static final int FEATURES = 20;
    private static final int REFERENCE_ROWS = 10_000;
    private static final int WINDOWS = 100;

    @BeforeAll
    static void trustEventClasses() {
        TrustedAvroPackages.trustEvents();
    }

    private static Map<String, NumericProfile> reference(Random random) {
        ProfileBuilder builder = new ProfileBuilder("m", "1", ProfileSource.TRAINING_DATA, TaskType.REGRESSION, 10);
        for (int r = 0; r < REFERENCE_ROWS; r++) {
            Map<String, Double> row = new HashMap<>();
            for (int f = 0; f < FEATURES; f++) {
                row.put("f" + f, random.nextGaussian());
            }
            builder.add(row, Map.of(), null, null, null);
        }
        ReferenceProfile profile = builder.build(Instant.EPOCH);
        return profile.getNumericFeatures();
    }

    private static WindowVerdict window(Map<String, NumericProfile> reference, Random random, int size, double shiftOfF0) {
        List<FeatureVerdict> verdicts = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            KllSketch sketch = new KllSketch();
            double shift = f == 0 ? shiftOfF0 : 0;
            for (int i = 0; i < size; i++) {
                sketch.update(shift + random.nextGaussian());
            }
            verdicts.add(FeatureComparison.numeric("f" + f, reference.get("f" + f), sketch, DriftThresholds.DEFAULTS, null));
        }
        return WindowVerdict.of(verdicts, MultipleTesting.BENJAMINI_HOCHBERG, 0.05, 0.5);
    }

    @Test
    void stationaryWindowsShouldRarelyBeCalledDatasetDrift() {
        Random random = new Random(11);
        Map<String, NumericProfile> reference = reference(random);
        for (int size : new int[]{500, 5_000}) {
            int datasetAlarms = 0;
            int featureAlarms = 0;
            for (int w = 0; w < WINDOWS; w++) {
                WindowVerdict verdict = window(reference, random, size, 0);
                datasetAlarms += verdict.datasetDrift() ? 1 : 0;
                featureAlarms += (int) verdict.features().stream().filter(FeatureVerdict::drifted).count();
            }
            System.out.printf("calibration: %d-sample windows, stationary: dataset drift in %d of %d windows, "
                    + "feature alarms %.2f %%%n", size, datasetAlarms, WINDOWS, 100.0 * featureAlarms / (WINDOWS * FEATURES));
            assertThat(datasetAlarms).as("dataset false alarms, %d-sample windows", size).isLessThanOrEqualTo(WINDOWS / 20);
        }
    }

    @Test
    void aQuarterSigmaShiftInOneFeatureShouldBeCaughtInAlmostEveryWindow() {
        Random random = new Random(12);
        Map<String, NumericProfile> reference = reference(random);
        int caught = 0;
        for (int w = 0; w < WINDOWS; w++) {
            WindowVerdict verdict = window(reference, random, 5_000, 0.25);
            caught += verdict.features().get(0).drifted() ? 1 : 0;
        }
        System.out.printf("calibration: 5000-sample windows, 0.25 sigma shift in f0: caught in %d of %d windows%n",
                caught, WINDOWS);
        assertThat(caught).isGreaterThanOrEqualTo(95);
    }
}
