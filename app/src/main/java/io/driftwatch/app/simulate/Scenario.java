package io.driftwatch.app.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.driftwatch.runtime.config.ConfigValues;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * What changes in the simulated shop, and when (simulated time from the start):
 *
 * <pre>
 * phases:
 *   - {name: clean, at: 0m}
 *   - name: data-drift
 *     at: 20m
 *     numeric: {days_since_last_visit: {scale: 3.0, shift: 0}}   # x * scale + shift
 *     categorical: {traffic_source: {ads: 0.7, search: 0.1, email: 0.1, direct: 0.1}}
 *   - name: concept-drift
 *     at: 40m
 *     concept: {segment: country=DE, flip: 0.7}   # share of that segment's outcomes reversed
 * </pre>
 *
 * A phase replaces the previous one: what it does not name is as in the clean shop.
 */
public record Scenario(List<Phase> phases) {

    /** A numeric feature's change: {@code x * scale + shift}. */
    public record NumericChange(double scale, double shift) {
    }

    /** Outcomes of one segment ({@code key=value}) reversed with probability {@code flip}. */
    public record ConceptChange(String segmentKey, String segmentValue, double flip) {
    }

    public record Phase(String name, Duration at, Map<String, NumericChange> numeric,
                        Map<String, Map<String, Double>> categorical, ConceptChange concept) {

        public boolean clean() {
            return numeric.isEmpty() && categorical.isEmpty() && concept == null;
        }
    }

    public Scenario {
        phases = phases.stream().sorted(Comparator.comparing(Phase::at)).toList();
        if (phases.isEmpty() || !phases.get(0).at().isZero()) {
            phases = new ArrayList<>(phases);
            phases.add(0, new Phase("clean", Duration.ZERO, Map.of(), Map.of(), null));
            phases = List.copyOf(phases);
        }
    }

    /** The clean shop throughout. */
    public static Scenario clean() {
        return new Scenario(List.of());
    }

    /**
     * The demo's story over {@code span} of simulated time: clean for the first third, then data
     * drift in three features (two numeric, one categorical), then, on the same drifted inputs,
     * concept drift in one country. The data drift shortens sessions to 2–4 minutes, where the
     * classifier is unsure: its accuracy falls by about 8 points while how a purchase follows from
     * the features is unchanged — what estimated performance sees before the labels arrive.
     */
    public static Scenario demo(Duration span) {
        Duration third = span.dividedBy(3);
        Map<String, NumericChange> numeric = Map.of(ShopWorld.DAYS_SINCE_LAST_VISIT, new NumericChange(3.0, 5.0),
                ShopWorld.SESSION_LENGTH, new NumericChange(0.2, 150));
        Map<String, Map<String, Double>> categorical = Map.of(ShopWorld.TRAFFIC_SOURCE,
                Map.of("ads", 0.70, "search", 0.15, "email", 0.05, "direct", 0.10));
        return new Scenario(List.of(
                new Phase("data-drift", third, numeric, categorical, null),
                new Phase("concept-drift", third.multipliedBy(2), numeric, categorical,
                        new ConceptChange(ShopWorld.COUNTRY, "DE", 0.7))));
    }

    /** The phase in force at {@code elapsed} simulated time. */
    public Phase at(Duration elapsed) {
        Phase current = phases.get(0);
        for (Phase p : phases) {
            if (p.at().compareTo(elapsed) <= 0) {
                current = p;
            }
        }
        return current;
    }

    /** Reads a scenario file; errors name the bad key ({@code phases[1].numeric.x.scale}). */
    public static Scenario load(Path file) {
        Object tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Object.class);
        } catch (IOException e) {
            throw new ConfigException("cannot read the scenario file " + file + ": " + e.getMessage());
        }
        if (!(tree instanceof Map<?, ?> root) || !(root.get("phases") instanceof List<?> list)) {
            throw new ConfigException("phases", null, "the scenario file " + file + " needs a list of phases");
        }
        List<Phase> phases = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            phases.add(phase("phases[" + i + "]", list.get(i)));
        }
        return new Scenario(phases);
    }

    private static Phase phase(String key, Object entry) {
        ConfigValues values = ConfigValues.ofListEntry(key, entry);
        String name = values.requiredString(key + ".name");
        Duration at = values.duration(key + ".at", null);
        if (at == null || at.isNegative()) {
            throw new ConfigException(key + ".at", at, "a phase needs a start (simulated time from the beginning, e.g. 20m)");
        }
        Map<String, NumericChange> numeric = new LinkedHashMap<>();
        values.section(key + ".numeric").forEach((k, v) -> {
            String[] parts = k.split("\\.");
            if (parts.length != 2 || !List.of("scale", "shift").contains(parts[1]) || !(v instanceof Number)) {
                throw new ConfigException(key + ".numeric." + k, v, "expected numeric: {feature: {scale: x, shift: y}}");
            }
            NumericChange old = numeric.getOrDefault(parts[0], new NumericChange(1.0, 0.0));
            double d = ((Number) v).doubleValue();
            numeric.put(parts[0], parts[1].equals("scale") ? new NumericChange(d, old.shift()) : new NumericChange(old.scale(), d));
        });
        Map<String, Map<String, Double>> categorical = new LinkedHashMap<>();
        values.section(key + ".categorical").forEach((k, v) -> {
            String[] parts = k.split("\\.", 2);
            if (parts.length != 2 || !(v instanceof Number n) || !(n.doubleValue() >= 0)) {
                throw new ConfigException(key + ".categorical." + k, v, "expected categorical: {feature: {category: weight ≥ 0}}");
            }
            categorical.computeIfAbsent(parts[0], f -> new LinkedHashMap<>()).put(parts[1], ((Number) v).doubleValue());
        });
        ConceptChange concept = null;
        String segment = values.string(key + ".concept.segment", null);
        if (segment != null) {
            int eq = segment.indexOf('=');
            Double flip = values.number(key + ".concept.flip");
            if (eq <= 0 || eq == segment.length() - 1) {
                throw new ConfigException(key + ".concept.segment", segment, "expected key=value, e.g. country=DE");
            }
            if (flip == null || !(flip >= 0 && flip <= 1)) {
                throw new ConfigException(key + ".concept.flip", flip, "expected a share between 0 and 1");
            }
            concept = new ConceptChange(segment.substring(0, eq), segment.substring(eq + 1), flip);
        }
        values.requireAllRead();
        return new Phase(name, at, numeric, categorical, concept);
    }
}
