package io.driftwatch.benchmarks.jmh;

import io.driftwatch.drift.concept.AdwinDetector;
import io.driftwatch.drift.concept.ConceptDriftDetector;
import io.driftwatch.drift.concept.DdmDetector;
import io.driftwatch.drift.concept.DriftLevel;
import io.driftwatch.drift.concept.EddmDetector;
import io.driftwatch.drift.concept.HddmAverageDetector;
import io.driftwatch.drift.concept.PageHinkleyDetector;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The cost of one concept-drift detector update on a stationary 10 % error stream. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DetectorUpdateBenchmark {

    @Param({"ADWIN", "DDM", "EDDM", "PAGE_HINKLEY", "HDDM_A"})
    String detector;

    private ConceptDriftDetector instance;
    private final SplittableRandom random = new SplittableRandom(1);

    @Setup
    public void setUp() {
        instance = switch (detector) {
            case "ADWIN" -> new AdwinDetector();
            case "DDM" -> new DdmDetector();
            case "EDDM" -> new EddmDetector();
            case "PAGE_HINKLEY" -> new PageHinkleyDetector();
            default -> new HddmAverageDetector();
        };
        // A window that has seen a realistic amount of data before measuring.
        for (int i = 0; i < 100_000; i++) {
            update();
        }
    }

    @Benchmark
    public DriftLevel update() {
        return instance.update(random.nextDouble() < 0.1 ? 1 : 0);
    }
}
