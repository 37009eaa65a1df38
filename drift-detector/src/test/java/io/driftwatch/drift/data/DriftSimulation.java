package io.driftwatch.drift.data;

import io.driftwatch.drift.profile.ProfileBuilder;
import io.driftwatch.drift.stats.MultipleTesting;
import io.driftwatch.events.CategoricalProfile;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.TaskType;
import io.driftwatch.schemas.sketch.KllSketch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded windows for calibrating the data-drift decisions, summarised exactly as in production: a
 * reference profile of standard-normal features x0, x1, … and categorical features c0, c1, … (five
 * categories of fixed shares), and windows drawn like it — or with x0 shifted and a share of c0
 * moved — whose numeric values are sketched per partition (k = 200) and merged. Used at CI size by
 * {@code CalibrationTest} and at full size by the benchmarks' {@code DriftCalibrationReport}.
 */
public final class DriftSimulation {

    /** The methods a numeric feature, then a categorical one, is decided with in {@link Window#alarms}. */
    public static final List<DriftMethod> NUMERIC_METHODS = List.of(DriftMethod.KS, DriftMethod.WASSERSTEIN,
            DriftMethod.PSI, DriftMethod.JENSEN_SHANNON);
    public static final List<DriftMethod> CATEGORICAL_METHODS = List.of(DriftMethod.CHI_SQUARE, DriftMethod.PSI,
            DriftMethod.JENSEN_SHANNON);

    /** Shares of the five categories of each categorical feature. */
    public static final double[] CATEGORY_SHARES = {0.40, 0.25, 0.15, 0.12, 0.08};

    private final SplittableRandom random;
    private final int partitions;
    private final List<NumericReference> numericReferences = new ArrayList<>();
    private final List<CategoricalProfile> categoricalReferences = new ArrayList<>();

    public DriftSimulation(long seed, int numeric, int categorical, int referenceRows, int partitions) {
        this.random = new SplittableRandom(seed);
        this.partitions = partitions;
        ProfileBuilder builder = new ProfileBuilder("m", "1", ProfileSource.TRAINING_DATA, TaskType.REGRESSION,
                ProfileBuilder.DEFAULT_MAX_CATEGORIES);
        for (int r = 0; r < referenceRows; r++) {
            Map<String, Double> numbers = new HashMap<>();
            for (int f = 0; f < numeric; f++) {
                numbers.put("x" + f, gaussian());
            }
            Map<String, String> categories = new HashMap<>();
            for (int f = 0; f < categorical; f++) {
                categories.put("c" + f, category(0));
            }
            builder.add(numbers, categories, null, null, null);
        }
        ReferenceProfile profile = builder.build(Instant.EPOCH);
        for (int f = 0; f < numeric; f++) {
            numericReferences.add(NumericReference.of(profile.getNumericFeatures().get("x" + f)));
        }
        for (int f = 0; f < categorical; f++) {
            categoricalReferences.add(profile.getCategoricalFeatures().get("c" + f));
        }
    }

    public int numeric() {
        return numericReferences.size();
    }

    public int categorical() {
        return categoricalReferences.size();
    }

    /**
     * @param shift      added to x0's values, in standard deviations
     * @param shareMoved moved from c0's first category to its second
     */
    public Window window(int size, double shift, double shareMoved) {
        List<KllSketch> sketches = new ArrayList<>();
        for (int f = 0; f < numericReferences.size(); f++) {
            KllSketch merged = new KllSketch();
            for (int p = 0; p < partitions; p++) {
                KllSketch part = new KllSketch();
                for (int i = p; i < size; i += partitions) {
                    part.update((f == 0 ? shift : 0) + gaussian());
                }
                merged.merge(part);
            }
            sketches.add(merged);
        }
        List<Map<String, Long>> counts = new ArrayList<>();
        for (int f = 0; f < categoricalReferences.size(); f++) {
            Map<String, Long> c = new HashMap<>();
            for (int i = 0; i < size; i++) {
                c.merge(category(f == 0 ? shareMoved : 0), 1L, Long::sum);
            }
            counts.add(c);
        }
        return new Window(sketches, counts);
    }

    private String category(double moved) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int c = 0; c < CATEGORY_SHARES.length - 1; c++) {
            cumulative += CATEGORY_SHARES[c] + (c == 0 ? -moved : c == 1 ? moved : 0);
            if (u < cumulative) {
                return "cat" + c;
            }
        }
        return "cat" + (CATEGORY_SHARES.length - 1);
    }

    private double gaussian() {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** One window's summaries, decided by any method or by the defaults. */
    public final class Window {

        private final List<KllSketch> sketches;
        private final List<Map<String, Long>> counts;

        private Window(List<KllSketch> sketches, List<Map<String, Long>> counts) {
            this.sketches = sketches;
            this.counts = counts;
        }

        public FeatureVerdict numeric(int feature, DriftThresholds thresholds, DriftMethod method) {
            return FeatureComparison.numeric("x" + feature, numericReferences.get(feature), sketches.get(feature),
                    thresholds, method);
        }

        public FeatureVerdict categorical(int feature, DriftThresholds thresholds, DriftMethod method) {
            return FeatureComparison.categorical("c" + feature, categoricalReferences.get(feature), counts.get(feature),
                    thresholds, method);
        }

        /**
         * How many features each method alone flags in this window (no correction): one count per
         * method of {@link #NUMERIC_METHODS}, over the numeric features, then of
         * {@link #CATEGORICAL_METHODS}, over the categorical ones.
         */
        public int[] alarms(DriftThresholds thresholds) {
            int[] alarms = new int[NUMERIC_METHODS.size() + CATEGORICAL_METHODS.size()];
            for (int m = 0; m < NUMERIC_METHODS.size(); m++) {
                for (int f = 0; f < sketches.size(); f++) {
                    alarms[m] += numeric(f, thresholds, NUMERIC_METHODS.get(m)).drifted() ? 1 : 0;
                }
            }
            for (int m = 0; m < CATEGORICAL_METHODS.size(); m++) {
                for (int f = 0; f < counts.size(); f++) {
                    alarms[NUMERIC_METHODS.size() + m] += categorical(f, thresholds, CATEGORICAL_METHODS.get(m))
                            .drifted() ? 1 : 0;
                }
            }
            return alarms;
        }

        /**
         * The defaults: size-based methods, minimum effects, Benjamini–Hochberg at 0.05, dataset
         * drift at half the features; numeric features first.
         */
        public WindowVerdict defaults() {
            List<FeatureVerdict> verdicts = new ArrayList<>();
            for (int f = 0; f < sketches.size(); f++) {
                verdicts.add(numeric(f, DriftThresholds.DEFAULTS, null));
            }
            for (int f = 0; f < counts.size(); f++) {
                verdicts.add(categorical(f, DriftThresholds.DEFAULTS, null));
            }
            return WindowVerdict.of(verdicts, MultipleTesting.BENJAMINI_HOCHBERG, 0.05, 0.5);
        }
    }
}
