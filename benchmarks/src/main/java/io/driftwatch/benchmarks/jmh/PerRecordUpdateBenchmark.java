package io.driftwatch.benchmarks.jmh;

import io.driftwatch.benchmarks.BenchmarkEvents;
import io.driftwatch.drift.profile.ProfileBuilder;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.TaskType;
import io.driftwatch.metrics.summary.WindowSummary;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import io.driftwatch.schemas.sketch.KllSketch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What each record costs the processors' summaries, on the benchmark's events (20 numeric and 5
 * categorical features): one KLL sketch update, the metric aggregator's per-prediction and
 * per-label update of a window summary, and the drift detector's per-prediction profile update.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PerRecordUpdateBenchmark {

    private static final int EVENTS = 10_000;
    private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");

    private final SplittableRandom random = new SplittableRandom(1);
    private final PredictionEvent[] predictions = new PredictionEvent[EVENTS];
    private final LabeledPrediction[] labels = new LabeledPrediction[EVENTS];
    private KllSketch sketch;
    private WindowSummary summary;
    private ProfileBuilder profile;
    private int next;

    @Setup
    public void setUp() {
        TrustedAvroPackages.trustEvents();
        BenchmarkEvents events = new BenchmarkEvents(1);
        for (int i = 0; i < EVENTS; i++) {
            predictions[i] = events.prediction(i, T0.plusMillis(i));
            labels[i] = LabeledPrediction.newBuilder().setPrediction(predictions[i])
                    .setGroundTruth(events.groundTruth(predictions[i], T0.plusMillis(i + 5_000)))
                    .setLabelDelayMs(5_000).setCorrection(false).build();
        }
        sketch = new KllSketch();
        summary = new WindowSummary();
        profile = new ProfileBuilder("propensity", "1", ProfileSource.OTHER, TaskType.UNKNOWN,
                ProfileBuilder.DEFAULT_MAX_CATEGORIES);
        // Summaries that have seen a window's worth of data before measuring.
        for (int i = 0; i < 100_000; i++) {
            kllUpdate();
            metricsPrediction();
            metricsLabel();
            driftProfile();
        }
    }

    @Benchmark
    public KllSketch kllUpdate() {
        sketch.update(random.nextDouble());
        return sketch;
    }

    @Benchmark
    public WindowSummary metricsPrediction() {
        summary.addPrediction(predictions[nextIndex()]);
        return summary;
    }

    @Benchmark
    public WindowSummary metricsLabel() {
        summary.addLabeled(labels[nextIndex()], "1");
        return summary;
    }

    @Benchmark
    public ProfileBuilder driftProfile() {
        PredictionEvent p = predictions[nextIndex()];
        profile.add(p.getNumericFeatures(), p.getCategoricalFeatures(), p.getScore(), p.getPredictedLabel(),
                p.getEventTime());
        return profile;
    }

    /** Cycles through the events (an index that never overflows, however long the run). */
    private int nextIndex() {
        next = next + 1 == EVENTS ? 0 : next + 1;
        return next;
    }
}
