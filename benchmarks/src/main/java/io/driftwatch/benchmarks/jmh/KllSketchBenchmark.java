package io.driftwatch.benchmarks.jmh;

import io.driftwatch.schemas.sketch.KllSketch;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Driftwatch's {@link KllSketch} against Apache DataSketches' KLL (6.2, the line that runs on Java
 * 17 without flags; benchmark scope only), k = 200 both: an update into a sketch that has seen
 * 100 000 values, the merge of a 100 000-value partial, and a round trip through bytes (what each
 * partial and state entry costs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KllSketchBenchmark {

    private final SplittableRandom random = new SplittableRandom(7);
    private KllSketch ours;
    private KllDoublesSketch theirs;
    private byte[] ourBytes;
    private byte[] theirBytes;

    @Setup
    public void fill() {
        ours = new KllSketch();
        theirs = KllDoublesSketch.newHeapInstance(200);
        for (int i = 0; i < 100_000; i++) {
            double value = random.nextDouble();
            ours.update(value);
            theirs.update(value);
        }
        ourBytes = ours.toByteArray();
        theirBytes = theirs.toByteArray();
    }

    @Benchmark
    public KllSketch updateDriftwatch() {
        ours.update(random.nextDouble());
        return ours;
    }

    @Benchmark
    public KllDoublesSketch updateDataSketches() {
        theirs.update(random.nextDouble());
        return theirs;
    }

    @Benchmark
    public KllSketch mergeDriftwatch() {
        KllSketch target = KllSketch.fromBytes(ourBytes);
        target.merge(KllSketch.fromBytes(ourBytes));
        return target;
    }

    @Benchmark
    public KllDoublesSketch mergeDataSketches() {
        KllDoublesSketch target = KllDoublesSketch.heapify(Memory.wrap(theirBytes));
        target.merge(KllDoublesSketch.heapify(Memory.wrap(theirBytes)));
        return target;
    }

    @Benchmark
    public byte[] roundTripDriftwatch() {
        return KllSketch.fromBytes(ourBytes).toByteArray();
    }

    @Benchmark
    public byte[] roundTripDataSketches() {
        return KllDoublesSketch.heapify(Memory.wrap(theirBytes)).toByteArray();
    }
}
