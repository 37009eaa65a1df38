package io.driftwatch.ingest;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.PredictionEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A seeded stream of predictions and ground truth with known faults, and the exact counts ingest
 * must report for it. Event times run from 12 h to 2 h before {@code now} (labels follow their
 * predictions by 1 to 60 minutes, some arrive first); records arrive in event-time order, which
 * keeps every label well inside the 2 h horizon even when one partition runs ahead of another. A last
 * prediction a few minutes ahead of {@code now} moves every task's clock past every deadline, so
 * that expiries and unmatched labels are final when the stream ends.
 */
final class IngestScenario {

    static final Duration HORIZON = Duration.ofHours(2);
    static final Duration GRACE = Duration.ofHours(1);
    static final List<String> PREDICTION_FAULTS = List.of("undecodable", "unknown-schema-id", "missing-prediction-id",
            "missing-model-id", "missing-model-version", "missing-prediction", "future-event-time");
    static final List<String> GROUND_TRUTH_FAULTS = List.of("undecodable", "missing-actual");

    /** One record to produce, in arrival order. */
    record Arrival(long order, boolean isPrediction, byte[] key, byte[] value, long timestamp) {
    }

    /** What ingest must report for the stream. */
    record Expected(int predictionRecords, int groundTruthRecords, int validated, int labeled, int flagged,
                    int duplicatePredictions, int duplicateLabels, int rekeyed, int expired,
                    Map<String, Integer> deadLettersByReason) {
    }

    final List<Arrival> arrivals = new ArrayList<>();
    private final Map<String, Integer> deadLetters = new TreeMap<>();
    private int validated;
    private int labeled;
    private int flagged;
    private int duplicatePredictions;
    private int duplicateLabels;
    private int rekeyed;
    private int expired;
    private int predictionRecords;
    private int groundTruthRecords;

    /**
     * @param serializePrediction  wire-format bytes of a prediction (the topic's serializer)
     * @param serializeGroundTruth wire-format bytes of a ground truth
     */
    IngestScenario(int predictions, long seed, Instant now,
                   BiFunction<String, PredictionEvent, byte[]> serializePrediction,
                   BiFunction<String, GroundTruthEvent, byte[]> serializeGroundTruth) {
        Random random = new Random(seed);
        long start = now.minus(Duration.ofHours(12)).toEpochMilli();
        long step = Duration.ofHours(10).toMillis() / predictions;
        byte[] undecodablePrediction = undecodable(serializePrediction.apply("p", prediction("schema", start, 0)));
        byte[] undecodableTruth = undecodable(serializeGroundTruth.apply("g", truth("schema", start)));

        for (int i = 0; i < predictions; i++) {
            long time = start + i * step;
            String id = "pred-" + i;
            PredictionEvent event = prediction(id, time, i);
            byte[] key = bytes(id);
            double roll = random.nextDouble();
            int fault = (int) (roll * 100);
            if (fault < PREDICTION_FAULTS.size()) {
                String reason = PREDICTION_FAULTS.get(fault);
                byte[] value = switch (reason) {
                    case "undecodable" -> undecodablePrediction;
                    case "unknown-schema-id" -> ByteBuffer.allocate(9).put((byte) 0).putInt(7_654_321).putInt(42).array();
                    case "missing-prediction-id" -> serializePrediction.apply(id, withId(event, ""));
                    case "missing-model-id" -> serializePrediction.apply(id, set(event, e -> e.setModelId("")));
                    case "missing-model-version" -> serializePrediction.apply(id, set(event, e -> e.setModelVersion("")));
                    case "missing-prediction" -> serializePrediction.apply(id, set(event, e -> {
                        e.setScore(null);
                        e.setPredictedLabel(null);
                        e.setClassProbabilities(Map.of());
                    }));
                    default -> serializePrediction.apply(id, set(event,
                            e -> e.setEventTime(now.plus(Duration.ofHours(1)))));
                };
                predict(time, key, value);
                deadLetters.merge(reason, 1, Integer::sum);
                if (random.nextDouble() < 0.5) {
                    // A label for a prediction that was dead-lettered never finds it.
                    label(time + 60_000, bytes(id), serializeGroundTruth.apply(id, truth(id, time + 60_000)));
                    deadLetters.merge(LabelJoinProcessor.UNMATCHED, 1, Integer::sum);
                }
                continue;
            }
            if (random.nextDouble() < 0.01) {
                event.getNumericFeatures().put("basket_value", Double.NaN);
                flagged++;
            }
            boolean rekey = random.nextDouble() < 0.005;
            byte[] value = serializePrediction.apply(id, event);
            predict(time, rekey ? bytes("session-" + i) : key, value);
            validated++;
            if (rekey) {
                rekeyed++;
            }
            if (random.nextDouble() < 0.01) {
                predict(time + step / 2, key, value);
                duplicatePredictions++;
            }
            if (random.nextDouble() < 0.8) {
                // One label in twenty arrives before its prediction, observed soon after it: an early
                // label moves the clock to its event time, so a long delay would expire others early.
                boolean early = random.nextDouble() < 0.05;
                long labelTime = time + 60_000 + (long) (random.nextDouble() * (early ? 4 : 59) * 60_000);
                byte[] truth = serializeGroundTruth.apply(id, truth(id, labelTime));
                long arrival = early ? time - 1 - random.nextInt(60_000) : labelTime;
                label(arrival, key, truth);
                labeled++;
                if (random.nextDouble() < 0.01) {
                    label(Math.max(arrival, labelTime) + 1, key, truth);
                    duplicateLabels++;
                }
            } else {
                expired++;
            }
            if (random.nextDouble() < 0.01) {
                String orphan = "orphan-" + i;
                label(time + 1, bytes(orphan), serializeGroundTruth.apply(orphan, truth(orphan, time + 1)));
                deadLetters.merge(LabelJoinProcessor.UNMATCHED, 1, Integer::sum);
            }
            if (random.nextDouble() < 0.01) {
                String reason = GROUND_TRUTH_FAULTS.get(random.nextInt(GROUND_TRUTH_FAULTS.size()));
                byte[] bad = reason.equals("undecodable") ? undecodableTruth
                        : serializeGroundTruth.apply(id, set(truth(id, time + 2), t -> t.setActualLabel(null)));
                label(time + 2, key, bad);
                deadLetters.merge(reason, 1, Integer::sum);
            }
        }
        // Moves every partition's clock past every deadline; it is valid and stays unlabelled.
        for (int p = 0; p < 8; p++) {
            String id = "clock-" + p;
            long time = now.plus(Duration.ofMinutes(3)).toEpochMilli();
            predict(time, bytes(id), serializePrediction.apply(id, prediction(id, time, p)));
            validated++;
        }
        arrivals.sort(Comparator.comparingLong(Arrival::order));
    }

    Expected expected() {
        return new Expected(predictionRecords, groundTruthRecords, validated, labeled, flagged, duplicatePredictions,
                duplicateLabels, rekeyed, expired, Map.copyOf(deadLetters));
    }

    private void predict(long order, byte[] key, byte[] value) {
        arrivals.add(new Arrival(order, true, key, value, order));
        predictionRecords++;
    }

    private void label(long order, byte[] key, byte[] value) {
        arrivals.add(new Arrival(order, false, key, value, order));
        groundTruthRecords++;
    }

    private static PredictionEvent prediction(String id, long time, int n) {
        return PredictionEvent.newBuilder()
                .setPredictionId(id).setModelId(n % 3 == 0 ? "basket" : "propensity").setModelVersion("1")
                .setEventTime(Instant.ofEpochMilli(time))
                .setNumericFeatures(new HashMap<>(Map.of("basket_value", 10.0 + n % 97, "visits", (double) (n % 13))))
                .setCategoricalFeatures(Map.of("device", n % 2 == 0 ? "mobile" : "desktop"))
                .setScore((n % 100) / 100.0).setPredictedLabel(n % 100 >= 50 ? "1" : "0")
                .setSegments(Map.of("country", n % 3 == 0 ? "DE" : "FR"))
                .setServingLatencyMs(5.0 + n % 7)
                .build();
    }

    private static GroundTruthEvent truth(String id, long time) {
        return GroundTruthEvent.newBuilder().setPredictionId(id).setModelId("propensity")
                .setEventTime(Instant.ofEpochMilli(time)).setActualLabel(time % 2 == 0 ? "1" : "0")
                .setOutcomes(Map.of("revenue", (double) (time % 50))).build();
    }

    private static PredictionEvent withId(PredictionEvent event, String id) {
        return set(event, e -> e.setPredictionId(id));
    }

    private static <T extends SpecificRecordBase> T set(T event, Consumer<T> change) {
        @SuppressWarnings("unchecked")
        T copy = (T) SpecificData.get().deepCopy(event.getSchema(), event);
        change.accept(copy);
        return copy;
    }

    /** The writer's magic byte and schema id, then bytes no Avro decoder accepts. */
    private static byte[] undecodable(byte[] valid) {
        byte[] bytes = new byte[10];
        System.arraycopy(valid, 0, bytes, 0, 5);
        for (int i = 5; i < bytes.length; i++) {
            bytes[i] = (byte) 0xFF;
        }
        return bytes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
