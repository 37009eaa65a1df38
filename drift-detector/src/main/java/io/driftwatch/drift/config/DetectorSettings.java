package io.driftwatch.drift.config;

import io.driftwatch.drift.concept.AdwinDetector;
import io.driftwatch.drift.concept.ConceptDriftDetector;
import io.driftwatch.drift.concept.DdmDetector;
import io.driftwatch.drift.concept.EddmDetector;
import io.driftwatch.drift.concept.HddmAverageDetector;
import io.driftwatch.drift.concept.PageHinkleyDetector;
import io.driftwatch.runtime.config.ConfigValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigException;

/**
 * The concept-drift detectors of a model and their parameters; the defaults are the original
 * papers' except where {@link Params#DEFAULTS} says why not. Each detector is created once per model version and then lives in a state store.
 *
 * @param detectors factory of each enabled detector by report name (ADWIN, DDM, EDDM, PAGE_HINKLEY, HDDM_A), in order
 * @param params    the values read, which a model entry inherits
 */
public record DetectorSettings(Map<String, Supplier<ConceptDriftDetector>> detectors, Params params) {

    /** The keys a section or model entry may hold, relative to it. */
    private static final Map<String, String> NAMES = Map.of("adwin", "ADWIN", "ddm", "DDM", "eddm", "EDDM",
            "page-hinkley", "PAGE_HINKLEY", "hddm-a", "HDDM_A");

    public DetectorSettings {
        detectors = Collections.unmodifiableMap(new LinkedHashMap<>(detectors));
    }

    /**
     * Reads the detector keys under {@code prefix}; an absent key takes its value from
     * {@code parent} (the section's settings), or from {@link Params#DEFAULTS} when there is none.
     */
    static DetectorSettings read(ConfigValues values, String prefix, Params parent) {
        Params p = Params.read(values, prefix, parent);
        List<String> enabled = new ArrayList<>();
        for (String name : p.enabled) {
            String key = name.trim().toLowerCase(Locale.ROOT);
            if (!NAMES.containsKey(key)) {
                throw new ConfigException(prefix + "detectors", name, "unknown detector; known are " + NAMES.keySet());
            }
            enabled.add(key);
        }
        Map<String, Supplier<ConceptDriftDetector>> detectors = new LinkedHashMap<>();
        for (String name : enabled) {
            Supplier<ConceptDriftDetector> factory = switch (name) {
                case "adwin" -> () -> new AdwinDetector(p.adwinDelta, p.adwinWarningDelta, 5, p.adwinCheckInterval);
                case "ddm" -> () -> new DdmDetector(p.ddmWarning, p.ddmDrift, p.ddmMinSamples);
                case "eddm" -> () -> new EddmDetector(p.eddmWarning, p.eddmDrift, p.eddmMinErrors);
                case "page-hinkley" -> () -> new PageHinkleyDetector(p.phDelta, p.phLambda, p.phAlpha, p.phMinSamples,
                        p.phWarningFraction);
                default -> () -> new HddmAverageDetector(p.hddmDrift, p.hddmWarning);
            };
            try {
                factory.get();
            } catch (IllegalArgumentException e) {
                throw new ConfigException(prefix + name, "(its parameters)", e.getMessage());
            }
            detectors.put(NAMES.get(name), factory);
        }
        return new DetectorSettings(detectors, p);
    }

    /** The raw parameter values, so that a model entry can inherit the section's. */
    record Params(List<String> enabled, double adwinDelta, double adwinWarningDelta, int adwinCheckInterval,
                  double ddmWarning,
                  double ddmDrift, long ddmMinSamples, double eddmWarning, double eddmDrift, long eddmMinErrors,
                  double phDelta, double phLambda, double phAlpha, long phMinSamples, double phWarningFraction,
                  double hddmDrift, double hddmWarning) {

        /**
         * The papers' values (ADWIN's check every 32; DDM 2 / 3, 30; EDDM 0.95 / 0.90), except where
         * they raised false alarms on stationary streams: ADWIN δ 0.001 (paper 0.002), Page–Hinkley λ
         * 55 and α 0.9995 (MOA: 50, 0.9999), HDDM-A 0.00005 / 0.00025 (paper 0.001 / 0.005); each
         * detector's class says why, docs/drift.md has the figures.
         */
        static final Params DEFAULTS = new Params(List.of("adwin", "ddm", "eddm", "page-hinkley", "hddm-a"),
                0.001, 0.01, AdwinDetector.DEFAULT_CHECK_INTERVAL, 2.0, 3.0, 30, 0.95, 0.90, 30, 0.005, 55, 0.9995, 30,
                0.5, 0.00005, 0.00025);

        static Params read(ConfigValues v, String prefix, Params d) {
            List<?> names = v.list(prefix + "detectors");
            return new Params(names.isEmpty() ? d.enabled : names.stream().map(String::valueOf).toList(),
                    number(v, prefix + "adwin.delta", d.adwinDelta),
                    number(v, prefix + "adwin.warning-delta", d.adwinWarningDelta),
                    v.integer(prefix + "adwin.check-interval", d.adwinCheckInterval, 1, Integer.MAX_VALUE),
                    number(v, prefix + "ddm.warning-level", d.ddmWarning),
                    number(v, prefix + "ddm.drift-level", d.ddmDrift),
                    v.integer(prefix + "ddm.min-samples", (int) d.ddmMinSamples, 1, Integer.MAX_VALUE),
                    number(v, prefix + "eddm.warning-ratio", d.eddmWarning),
                    number(v, prefix + "eddm.drift-ratio", d.eddmDrift),
                    v.integer(prefix + "eddm.min-errors", (int) d.eddmMinErrors, 2, Integer.MAX_VALUE),
                    number(v, prefix + "page-hinkley.delta", d.phDelta),
                    number(v, prefix + "page-hinkley.lambda", d.phLambda),
                    number(v, prefix + "page-hinkley.alpha", d.phAlpha),
                    v.integer(prefix + "page-hinkley.min-samples", (int) d.phMinSamples, 1, Integer.MAX_VALUE),
                    number(v, prefix + "page-hinkley.warning-fraction", d.phWarningFraction),
                    number(v, prefix + "hddm-a.drift-confidence", d.hddmDrift),
                    number(v, prefix + "hddm-a.warning-confidence", d.hddmWarning));
        }
    }

    static double number(ConfigValues values, String key, double defaultValue) {
        Double value = values.number(key);
        return value == null ? defaultValue : value;
    }
}
