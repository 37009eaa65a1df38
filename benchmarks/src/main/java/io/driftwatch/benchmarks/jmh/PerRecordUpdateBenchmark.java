package io.driftwatch.benchmarks.jmh;

import io.driftwatch.benchmarks.BenchmarkEvents;
import io.driftwatch.drift.profile.JointMoments;
import io.driftwatch.drift.profile.ProfileBuilder;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.TaskType;
import io.driftwatch.metrics.estimation.ClassCalibrations;
import io.driftwatch.metrics.estimation.MulticlassReferenceBuilder;
import io.driftwatch.metrics.summary.WindowSummary;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
 * per-label update of a window summary (with and without the score tally of estimated
 * performance; for a three-class model, with and without the calibrated class tallies), the drift detector's per-prediction profile update, and the part of it that keeps
 * the numeric features' joint moments for the multivariate test.
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
    /** The same events as a three-class model's: class probabilities and the most probable class, no score. */
    private final PredictionEvent[] multiclass = new PredictionEvent[EVENTS];
    private ClassCalibrations calibrations;
    private WindowSummary multiclassSummary;
    private WindowSummary multiclassSummaryWithoutEstimation;
    private KllSketch sketch;
    private WindowSummary summary;
    private WindowSummary summaryWithoutEstimation;
    private ProfileBuilder profile;
    private JointMoments moments;
    private final double[][] rows = new double[EVENTS][];
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
        MulticlassReferenceBuilder reference = new MulticlassReferenceBuilder();
        for (int i = 0; i < EVENTS; i++) {
            double a = random.nextDouble();
            double b = random.nextDouble() * (1 - a);
            Map<String, Double> probabilities = Map.of("a", a, "b", b, "c", 1 - a - b);
            String predicted = a >= b && a >= 1 - a - b ? "a" : b >= 1 - a - b ? "b" : "c";
            multiclass[i] = PredictionEvent.newBuilder(predictions[i]).setScore(null).setPredictedLabel(predicted)
                    .setClassProbabilities(probabilities).build();
            reference.add(probabilities, predicted, random.nextDouble() < 0.7 ? predicted : "a");
        }
        calibrations = ClassCalibrations.of(reference.build());
        multiclassSummary = new WindowSummary();
        multiclassSummaryWithoutEstimation = new WindowSummary();
        sketch = new KllSketch();
        summary = new WindowSummary();
        summaryWithoutEstimation = new WindowSummary();
        profile = new ProfileBuilder("propensity", "1", ProfileSource.OTHER, TaskType.UNKNOWN,
                ProfileBuilder.DEFAULT_MAX_CATEGORIES);
        List<String> numeric = new ArrayList<>(new TreeSet<>(predictions[0].getNumericFeatures().keySet()));
        moments = new JointMoments(numeric);
        for (int i = 0; i < EVENTS; i++) {
            Map<String, Double> values = predictions[i].getNumericFeatures();
            rows[i] = numeric.stream().mapToDouble(values::get).toArray();
        }
        // Summaries that have seen a window's worth of data before measuring.
        for (int i = 0; i < 100_000; i++) {
            kllUpdate();
            metricsPrediction();
            metricsPredictionWithoutEstimation();
            metricsMulticlassPrediction();
            metricsMulticlassPredictionWithoutEstimation();
            metricsLabel();
            driftProfile();
            jointMoments();
        }
    }

    /** The multivariate test's share of {@link #driftProfile}: one row into the numeric features' joint moments. */
    @Benchmark
    public JointMoments jointMoments() {
        moments.add(rows[nextIndex()]);
        return moments;
    }

    @Benchmark
    public KllSketch kllUpdate() {
        sketch.update(random.nextDouble());
        return sketch;
    }

    @Benchmark
    public WindowSummary metricsPrediction() {
        summary.addPrediction(predictions[nextIndex()], "1");
        return summary;
    }

    /** As {@link #metricsPrediction}, with {@code metrics.estimated-performance: false}: the tally's cost is the difference. */
    @Benchmark
    public WindowSummary metricsPredictionWithoutEstimation() {
        summaryWithoutEstimation.addPrediction(predictions[nextIndex()], null);
        return summaryWithoutEstimation;
    }

    /** A three-class model's prediction: its probabilities through the reference's class calibrations into the class tallies. */
    @Benchmark
    public WindowSummary metricsMulticlassPrediction() {
        multiclassSummary.addPrediction(multiclass[nextIndex()], "1", calibrations);
        return multiclassSummary;
    }

    /** As {@link #metricsMulticlassPrediction}, estimation off: the class tallies' cost is the difference. */
    @Benchmark
    public WindowSummary metricsMulticlassPredictionWithoutEstimation() {
        multiclassSummaryWithoutEstimation.addPrediction(multiclass[nextIndex()], null, null);
        return multiclassSummaryWithoutEstimation;
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
