package io.driftwatch.drift;

import io.driftwatch.drift.concept.ErrorSamples;
import io.driftwatch.drift.concept.ModelDetectors;
import io.driftwatch.drift.config.DriftSettings;
import io.driftwatch.drift.profile.ProfileBuilder;
import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.TaskType;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded model in production: 16 numeric features (standard normal) and 4 categorical ones
 * (four categories at 40/30/20/10 %). From window {@code shiftWindow} on, {@code num_03} moves by
 * half a standard deviation and {@code cat_01}'s shares reverse; labels arrive 10 s after their
 * prediction, wrong 10 % of the time before {@code conceptWindow} and 40 % after.
 */
final class DriftScenario {

    static final String MODEL = "churn";
    static final String VERSION = "3";
    static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final List<String> SHIFTED = List.of("cat_01", "num_03");
    private static final String[] CATEGORIES = {"a", "b", "c", "d"};
    private static final double[] SHARES = {0.4, 0.3, 0.2, 0.1};

    static {
        TrustedAvroPackages.trustEvents();
    }

    final List<PredictionEvent> predictions = new ArrayList<>();
    final List<LabeledPrediction> labeled = new ArrayList<>();
    private final int shiftWindow;

    DriftScenario(long seed, int windows, int perWindow, int shiftWindow, int conceptWindow) {
        this.shiftWindow = shiftWindow;
        Random random = new Random(seed);
        for (int w = 0; w < windows; w++) {
            for (int i = 0; i < perWindow; i++) {
                Instant time = T0.plus(WINDOW.multipliedBy(w)).plusMillis(i * WINDOW.toMillis() / perWindow);
                PredictionEvent prediction = prediction(random, "p-" + w + "-" + i, time, w >= shiftWindow);
                predictions.add(prediction);
                double errorRate = w >= conceptWindow ? 0.4 : 0.1;
                String actual = random.nextDouble() < errorRate
                        ? ("1".equals(prediction.getPredictedLabel()) ? "0" : "1") : prediction.getPredictedLabel();
                GroundTruthEvent truth = GroundTruthEvent.newBuilder().setPredictionId(prediction.getPredictionId())
                        .setModelId(MODEL).setEventTime(time.plusSeconds(10)).setActualLabel(actual).build();
                labeled.add(LabeledPrediction.newBuilder().setPrediction(prediction).setGroundTruth(truth)
                        .setLabelDelayMs(10_000).setCorrection(false).build());
            }
        }
    }

    /** One prediction after the scenario, {@code windows} windows after its start, to move the clocks on. */
    static PredictionEvent tick(int window) {
        return prediction(new Random(window), "tick-" + window, T0.plus(WINDOW.multipliedBy(window)), false);
    }

    static LabeledPrediction labeledTick(int window) {
        PredictionEvent prediction = tick(window);
        GroundTruthEvent truth = GroundTruthEvent.newBuilder().setPredictionId(prediction.getPredictionId())
                .setModelId(MODEL).setEventTime(prediction.getEventTime()).setActualLabel(prediction.getPredictedLabel())
                .build();
        return LabeledPrediction.newBuilder().setPrediction(prediction).setGroundTruth(truth).setLabelDelayMs(0)
                .setCorrection(false).build();
    }

    /** The training data's profile: 20 000 rows of the unshifted distribution. */
    static ReferenceProfile reference(long seed) {
        ProfileBuilder builder = new ProfileBuilder(MODEL, VERSION, ProfileSource.TRAINING_DATA,
                TaskType.BINARY_CLASSIFICATION, 1_000);
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            PredictionEvent row = prediction(random, "r" + i, T0, false);
            builder.add(row.getNumericFeatures(), row.getCategoricalFeatures(), row.getScore(), row.getPredictedLabel(),
                    null);
        }
        return builder.build(T0);
    }

    static PredictionEvent prediction(Random random, String id, Instant time, boolean shifted) {
        Map<String, Double> numeric = new HashMap<>();
        for (int f = 0; f < 16; f++) {
            numeric.put(String.format("num_%02d", f), random.nextGaussian() + (shifted && f == 3 ? 0.5 : 0));
        }
        Map<String, String> categorical = new HashMap<>();
        for (int f = 0; f < 4; f++) {
            double u = random.nextDouble();
            int c = 0;
            double cumulative = SHARES[0];
            while (u > cumulative && c < 3) {
                cumulative += SHARES[++c];
            }
            categorical.put("cat_0" + f, CATEGORIES[shifted && f == 1 ? 3 - c : c]);
        }
        double score = 1 / (1 + Math.exp(-numeric.get("num_00")));
        return PredictionEvent.newBuilder().setPredictionId(id).setModelId(MODEL).setModelVersion(VERSION)
                .setEventTime(time).setNumericFeatures(numeric).setCategoricalFeatures(categorical).setScore(score)
                .setPredictedLabel(score >= 0.5 ? "1" : "0").build();
    }

    /**
     * The detectors fed offline with every labelled prediction in the order the topology promises
     * (label event time, then the prediction id's hash), as one uninterrupted run sees them.
     */
    ModelDetectors offlineDetectors(DriftSettings settings) {
        ModelDetectors detectors = ModelDetectors.create(settings.model(MODEL).detectors().detectors());
        labeled.stream()
                .sorted(Comparator.<LabeledPrediction>comparingLong(l -> l.getGroundTruth().getEventTime().toEpochMilli())
                        .thenComparingLong(l -> ErrorSamples.tie(l.getPrediction().getPredictionId())))
                .forEach(l -> detectors.update(
                        l.getPrediction().getPredictedLabel().equals(l.getGroundTruth().getActualLabel()) ? 0 : 1,
                        l.getGroundTruth().getEventTime().toEpochMilli()));
        return detectors;
    }

    int shiftWindow() {
        return shiftWindow;
    }
}
