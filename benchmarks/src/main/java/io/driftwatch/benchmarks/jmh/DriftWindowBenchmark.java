package io.driftwatch.benchmarks.jmh;

import io.driftwatch.drift.data.DriftThresholds;
import io.driftwatch.drift.data.FeatureComparison;
import io.driftwatch.drift.data.FeatureVerdict;
import io.driftwatch.drift.data.NumericReference;
import io.driftwatch.drift.data.ReferenceModel;
import io.driftwatch.drift.data.WindowVerdict;
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
import java.util.concurrent.TimeUnit;
import io.driftwatch.schemas.sketch.KllSketch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of deciding one model-window: 50 numeric features compared with their references
 * (decoded once per profile, as a processor caches them) from KLL sketches: every statistic, the
 * size-based decision, and the window verdict.
 * The window size is a parameter, to show that the cost does not grow with events per window.
 * Also what a processor pays once per model version: decoding its reference profile for testing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DriftWindowBenchmark {

    private static final int FEATURES = 50;

    @Param({"1000", "100000"})
    int eventsPerWindow;

    private final List<NumericReference> references = new ArrayList<>();
    private final List<KllSketch> windows = new ArrayList<>();
    private ReferenceProfile profile;

    @Setup
    public void setUp() {
        TrustedAvroPackages.trustEvents();
        Random random = new Random(1);
        ProfileBuilder builder = new ProfileBuilder("m", "1", ProfileSource.TRAINING_DATA, TaskType.REGRESSION, 10);
        for (int row = 0; row < 20_000; row++) {
            Map<String, Double> values = new HashMap<>();
            for (int f = 0; f < FEATURES; f++) {
                values.put("f" + f, random.nextGaussian() * (f + 1));
            }
            builder.add(values, Map.of(), null, null, null);
        }
        profile = builder.build(Instant.EPOCH);
        Map<String, NumericProfile> profiles = profile.getNumericFeatures();
        for (int f = 0; f < FEATURES; f++) {
            references.add(NumericReference.of(profiles.get("f" + f)));
            KllSketch sketch = new KllSketch();
            for (int i = 0; i < eventsPerWindow; i++) {
                sketch.update(0.05 + random.nextGaussian() * (f + 1));
            }
            windows.add(sketch);
        }
    }

    @Benchmark
    public WindowVerdict decideOneModelWindow() {
        List<FeatureVerdict> verdicts = new ArrayList<>(FEATURES);
        for (int f = 0; f < FEATURES; f++) {
            verdicts.add(FeatureComparison.numeric("f" + f, references.get(f), windows.get(f), DriftThresholds.DEFAULTS, null));
        }
        return WindowVerdict.of(verdicts, MultipleTesting.BENJAMINI_HOCHBERG, 0.05, 0.5);
    }

    @Benchmark
    public ReferenceModel decodeReference() {
        return ReferenceModel.of(profile);
    }
}
