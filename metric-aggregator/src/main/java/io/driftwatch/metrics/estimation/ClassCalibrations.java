package io.driftwatch.metrics.estimation;

import io.driftwatch.events.MulticlassReferencePerformance;
import io.driftwatch.events.ReferencePerformance;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ObjDoubleConsumer;

/**
 * A multiclass reference's one-vs-rest calibrations, applied to one prediction's class
 * probabilities: each through its class's isotonic map (a class without one, or unknown to the
 * reference, keeps its probability clipped to [0, 1]), then all renormalised to sum to 1.
 */
public final class ClassCalibrations {

    private final Map<String, CalibrationMap> maps;

    private ClassCalibrations(Map<String, CalibrationMap> maps) {
        this.maps = maps;
    }

    /** @param reference null for none: the raw probabilities, renormalised */
    public static ClassCalibrations of(MulticlassReferencePerformance reference) {
        return new ClassCalibrations(reference == null ? Map.of() : maps(reference));
    }

    /** Each class's isotonic map, for the classes that have one. */
    public static Map<String, CalibrationMap> maps(MulticlassReferencePerformance reference) {
        Map<String, CalibrationMap> maps = new HashMap<>();
        for (ReferencePerformance c : reference.getClasses()) {
            if (c.getCalibration() != null) {
                maps.put(c.getPositiveLabel(), CalibrationMap.of(c.getCalibration()));
            }
        }
        return maps;
    }

    /**
     * Hands each class of {@code probabilities} its calibrated probability, renormalised; nothing
     * when they sum to 0 (no class is probable at all).
     */
    public void apply(Map<String, Double> probabilities, ObjDoubleConsumer<String> calibrated) {
        String[] labels = new String[probabilities.size()];
        double[] values = new double[labels.length];
        double sum = 0;
        int i = 0;
        for (Map.Entry<String, Double> p : probabilities.entrySet()) {
            labels[i] = p.getKey();
            values[i] = calibrate(p.getKey(), p.getValue());
            sum += values[i++];
        }
        if (!(sum > 0)) {
            return;
        }
        for (i = 0; i < labels.length; i++) {
            calibrated.accept(labels[i], values[i] / sum);
        }
    }

    private double calibrate(String label, Double probability) {
        if (probability == null || !Double.isFinite(probability)) {
            return 0;
        }
        CalibrationMap map = maps.get(label);
        return map == null ? ScoreBins.clamp(probability) : map.probability(ScoreBins.of(probability));
    }
}
