package io.driftwatch.runtime.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/**
 * Flattened configuration ({@code section.key} → value) with typed, validated reads. A typed read
 * is a key's one declaration (name, type, bounds, default): it marks the key as known, so that a
 * typo, a key nobody reads, fails at startup naming the keys that were declared, with no second
 * list to keep. Processor modules read their own section with {@link #ofSection}, so errors name
 * the full key.
 */
public final class ConfigValues {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Map<String, Object> values;
    /** Every key a typed read asked for, present or not, in the order asked: the known keys. */
    private final Set<String> read = new LinkedHashSet<>();
    /** The prefixes {@link #section} passed through whole, e.g. {@code kafka.}. */
    private final Set<String> passedThrough = new LinkedHashSet<>();
    /** Values that override keys when read, by environment variable name ({@link #overrideFrom}). */
    private Map<String, String> overrides = Map.of();
    private String overridePrefix = "";
    private BinaryOperator<String> resolveOverride = (key, value) -> value;
    private final Set<String> overridesUsed = new HashSet<>();
    /** The variables a read looked for, in the order asked. */
    private final Set<String> overridable = new LinkedHashSet<>();

    public ConfigValues(Map<String, Object> flattened) {
        this.values = new TreeMap<>(flattened);
    }

    /** The keys of one processor section ({@link DriftwatchConfig#processorSection}), read under their full names. */
    public static ConfigValues ofSection(String section, Map<String, Object> sectionValues) {
        Map<String, Object> prefixed = new LinkedHashMap<>();
        flatten(section + ".", sectionValues, prefixed);
        return new ConfigValues(prefixed);
    }

    /**
     * One entry of a YAML list of settings (e.g. {@code ingest.models[0]}), read under that name
     * so that errors say {@code ingest.models[0].task}. Maps inside it are flattened as in a
     * section ({@code adwin: {delta: 0.01}} is {@code adwin.delta}); lists stay whole.
     */
    public static ConfigValues ofListEntry(String key, Object entry) {
        if (!(entry instanceof Map<?, ?> map)) {
            throw new ConfigException(key, entry, "expected a map of settings");
        }
        Map<String, Object> prefixed = new LinkedHashMap<>();
        flatten(key + ".", map, prefixed);
        return new ConfigValues(prefixed);
    }

    /**
     * A YAML list of per-model settings (e.g. {@code drift.models}), by model id or glob in
     * configuration order: each entry needs a {@code model} key, no model may appear twice, and
     * an entry may hold only {@code model} and the keys {@code read} reads.
     *
     * @param read reads one entry, given its values and its key prefix (e.g. {@code drift.models[0].})
     */
    public <T> ModelEntries<T> perModel(String listKey, BiFunction<ConfigValues, String, T> read) {
        Map<String, T> models = new LinkedHashMap<>();
        List<?> entries = list(listKey);
        for (int i = 0; i < entries.size(); i++) {
            String key = listKey + "[" + i + "]";
            ConfigValues entry = ofListEntry(key, entries.get(i));
            String model = entry.requiredString(key + ".model");
            if (models.containsKey(model)) {
                throw new ConfigException(key + ".model", model, "model configured twice");
            }
            models.put(model, read.apply(entry, key + "."));
            entry.requireAllRead();
        }
        return new ModelEntries<>(models);
    }

    /** Flattens nested maps into dotted keys: {@code {kafka: {bootstrap.servers: x}}} → {@code kafka.bootstrap.servers}. */
    static Map<String, Object> flatten(Map<?, ?> nested) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", nested, flat);
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> nested, Map<String, Object> out) {
        for (Map.Entry<?, ?> e : nested.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> child) {
                flatten(key + ".", child, out);
            } else {
                out.put(key, e.getValue());
            }
        }
    }

    void put(String key, Object value) {
        values.put(key, value);
    }

    /** Every value that is a string (lists and numbers aside), by key. */
    void forEachString(BiConsumer<String, String> action) {
        values.forEach((key, value) -> {
            if (value instanceof String string) {
                action.accept(key, string);
            }
        });
    }

    /**
     * Environment variables that override keys: a typed read of {@code http.port} takes the value
     * of {@code <prefix>HTTP_PORT} first (upper case, {@code _} for {@code .} and {@code -}), so
     * the reads declare which variables exist.
     *
     * @param resolve applied to an override's value, given its key (e.g. to resolve secret references)
     */
    void overrideFrom(Map<String, String> variables, String prefix, BinaryOperator<String> resolve) {
        overrides = Map.copyOf(variables);
        overridePrefix = prefix;
        resolveOverride = resolve;
    }

    private String variable(String key) {
        return overridePrefix + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private String override(String key) {
        if (overrides.isEmpty()) {
            return null;
        }
        String name = variable(key);
        overridable.add(name);
        String value = overrides.get(name);
        if (value == null) {
            return null;
        }
        overridesUsed.add(name);
        return resolveOverride.apply(key, value);
    }

    /** Fails naming the first override no read took, with the variables the reads declared. */
    void requireOverridesUsed(String alsoKnown) {
        for (String name : overrides.keySet()) {
            if (!overridesUsed.contains(name)) {
                // The value is not echoed: it may be a secret.
                throw new ConfigException(name + ": unknown Driftwatch environment variable; known: " + alsoKnown + ", "
                        + overridable);
            }
        }
    }

    public String string(String key, String defaultValue) {
        read.add(key);
        String overridden = override(key);
        if (overridden != null) {
            return overridden;
        }
        Object raw = values.get(key);
        return raw == null ? defaultValue : raw.toString();
    }

    public String requiredString(String key) {
        String value = string(key, null);
        if (value == null || value.isBlank()) {
            throw new ConfigException(key, value, "is required");
        }
        return value;
    }

    public boolean bool(String key, boolean defaultValue) {
        String raw = string(key, null);
        if (raw == null) {
            return defaultValue;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key, raw, "expected true or false");
        };
    }

    /** A finite number, or null when absent. */
    public Double number(String key) {
        String raw = string(key, null);
        if (raw == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(raw.trim());
            if (!Double.isFinite(value)) {
                throw new ConfigException(key, raw, "must be a finite number");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, raw, "not a number");
        }
    }

    /** A YAML list (kept whole by {@link #flatten}), or an empty list when absent. */
    public List<?> list(String key) {
        read.add(key);
        Object raw = values.get(key);
        if (raw == null) {
            return List.of();
        }
        if (raw instanceof List<?> list) {
            return list;
        }
        throw new ConfigException(key, raw, "expected a list");
    }

    /** A YAML list of strings, or a comma-separated string (as an environment variable gives it); empty when absent. */
    public Optional<List<String>> strings(String key) {
        read.add(key);
        Object raw = override(key);
        raw = raw != null ? raw : values.get(key);
        if (raw == null) {
            return Optional.empty();
        }
        List<?> items = raw instanceof List<?> list ? list : Arrays.asList(raw.toString().split(","));
        return Optional.of(items.stream().map(item -> String.valueOf(item).trim()).filter(item -> !item.isEmpty()).toList());
    }

    /** A strictly positive duration. */
    public Duration positiveDuration(String key, Duration defaultValue) {
        Duration value = duration(key, defaultValue);
        if (value.isNegative() || value.isZero()) {
            throw new ConfigException(key, value, "must be greater than zero");
        }
        return value;
    }

    public int integer(String key, int defaultValue, int min, int max) {
        String raw = string(key, null);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                throw new ConfigException(key, raw, "must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, raw, "not a whole number");
        }
    }

    public Duration duration(String key, Duration defaultValue) {
        String raw = string(key, null);
        if (raw == null) {
            return defaultValue;
        }
        Matcher m = DURATION.matcher(raw.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(raw.trim());
        } catch (RuntimeException e) {
            throw new ConfigException(key, raw, "not a duration: use e.g. 500ms, 30s, 5m, 1h, 7d or PT30S");
        }
    }

    public <E> E oneOf(String key, String defaultName, Map<String, E> choices) {
        String raw = string(key, defaultName);
        E value = choices.get(raw.trim().toLowerCase(Locale.ROOT));
        if (value == null) {
            throw new ConfigException(key, raw, "expected one of " + choices.keySet());
        }
        return value;
    }

    /** All keys under {@code section.}, with the prefix removed, marked as read. */
    public Map<String, Object> section(String section) {
        Map<String, Object> out = new LinkedHashMap<>();
        String prefix = section + ".";
        passedThrough.add(prefix);
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                read.add(key);
                out.put(key.substring(prefix.length()), value);
            }
        });
        return out;
    }

    /**
     * Fails when a key that moved elsewhere is set, saying where it lives now.
     *
     * @param movedTo the key's new place, e.g. {@code models[].label-horizon}
     */
    public void rejectMoved(String key, String movedTo) {
        if (values.containsKey(key)) {
            throw new ConfigException(key + ": this key moved to " + movedTo + " (the top-level models catalogue, "
                    + "by model id or glob; model: \"*\" sets every model's default)");
        }
    }

    /** Fails naming the first key nobody read, with the keys the reads declared. */
    public void requireAllRead() {
        for (String key : values.keySet()) {
            if (!read.contains(key)) {
                List<String> known = new ArrayList<>();
                passedThrough.forEach(prefix -> known.add(prefix + "*"));
                read.stream().filter(k -> passedThrough.stream().noneMatch(k::startsWith)).forEach(known::add);
                // The value is not echoed: a misspelt key may hold a secret.
                throw new ConfigException(key + ": unknown configuration key; known keys here are " + known);
            }
        }
    }
}
