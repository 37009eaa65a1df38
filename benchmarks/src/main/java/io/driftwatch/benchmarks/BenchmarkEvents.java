package io.driftwatch.benchmarks;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.PredictionEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The benchmark's input mix: 20 numeric and 5 categorical features, three models of which one
 * takes 80 % of the traffic (or many models with Zipf-distributed traffic), two segments, and a
 * ground truth for a share of the predictions. Seeded, so that every contender of a run and every
 * run with the same seed read the same data.
 */
public final class BenchmarkEvents {

    static final int NUMERIC_FEATURES = 20;
    static final int CATEGORICAL_FEATURES = 5;
    private static final List<String> DEVICES = List.of("mobile", "desktop", "tablet");
    private static final List<String> COUNTRIES = List.of("DE", "FR", "US", "GB", "JP", "BR");

    private final SplittableRandom random;
    /** With many models: the cumulative share of traffic up to each model (Zipf, exponent 1); null for the three. */
    private final double[] zipf;

    public BenchmarkEvents(long seed) {
        this(seed, 3);
    }

    /** @param models 3 for the standard mix; more for {@link #modelId model-000 …} with Zipf-distributed traffic */
    public BenchmarkEvents(long seed, int models) {
        this.random = new SplittableRandom(seed);
        if (models == 3) {
            zipf = null;
        } else {
            zipf = new double[models];
            double total = 0;
            for (int k = 0; k < models; k++) {
                total += 1.0 / (k + 1);
                zipf[k] = total;
            }
            for (int k = 0; k < models; k++) {
                zipf[k] /= total;
            }
        }
    }

    /** The id of the k-th model of a many-model mix, the busiest first. */
    static String modelId(int k) {
        return String.format("model-%03d", k);
    }

    public PredictionEvent prediction(long n, Instant time) {
        return prediction(n, time, nextModel());
    }

    private String nextModel() {
        if (zipf == null) {
            return random.nextDouble() < 0.8 ? "propensity" : (random.nextBoolean() ? "basket" : "churn");
        }
        int k = Arrays.binarySearch(zipf, random.nextDouble());
        return modelId(Math.min(zipf.length - 1, k < 0 ? -k - 1 : k));
    }

    /** A prediction of the given model. */
    public PredictionEvent prediction(long n, Instant time, String model) {
        Map<String, Double> numeric = new HashMap<>(NUMERIC_FEATURES * 2);
        for (int f = 0; f < NUMERIC_FEATURES; f++) {
            numeric.put("num_" + f, random.nextDouble() * (f + 1) * 10);
        }
        Map<String, String> categorical = new HashMap<>(CATEGORICAL_FEATURES * 2);
        for (int f = 0; f < CATEGORICAL_FEATURES; f++) {
            categorical.put("cat_" + f, "v" + random.nextInt(8 + f));
        }
        double score = random.nextDouble();
        return PredictionEvent.newBuilder()
                .setPredictionId("p-" + n).setModelId(model).setModelVersion("1").setEventTime(time)
                .setNumericFeatures(numeric).setCategoricalFeatures(categorical)
                .setScore(score).setPredictedLabel(score >= 0.5 ? "1" : "0")
                .setSegments(Map.of("device", DEVICES.get(random.nextInt(DEVICES.size())),
                        "country", COUNTRIES.get(random.nextInt(COUNTRIES.size()))))
                .setServingLatencyMs(2 + random.nextDouble() * 20)
                .build();
    }

    public GroundTruthEvent groundTruth(PredictionEvent prediction, Instant time) {
        return GroundTruthEvent.newBuilder()
                .setPredictionId(prediction.getPredictionId()).setModelId(prediction.getModelId()).setEventTime(time)
                .setActualLabel(random.nextDouble() < prediction.getScore() ? "1" : "0")
                .setOutcomes(Map.of("clicked", random.nextBoolean() ? 1.0 : 0.0, "revenue", random.nextDouble() * 100))
                .build();
    }

    boolean labelled(double share) {
        return random.nextDouble() < share;
    }
}
