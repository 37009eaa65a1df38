package io.driftwatch.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Micrometer meters for the processors, cached (looking one up per record would cost more than
 * the record's processing) and with bounded tags: each kind of tag value (model, feature, ...)
 * keeps at most {@link #MAX_TAG_VALUES} distinct values, the rest count as {@code _other}, so
 * that a producer sending random ids cannot explode the registry.
 */
public final class Meters {

    public static final int MAX_TAG_VALUES = 1_000;
    private static final String OTHER = "_other";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> tagValues = new ConcurrentHashMap<>();

    public Meters(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public Counter counter(String name, String description, String... tags) {
        String key = name + '\u0000' + String.join("\u0000", tags);
        Counter counter = counters.get(key);
        if (counter == null) {
            counter = counters.computeIfAbsent(key, k -> Counter.builder(name).description(description).tags(tags)
                    .register(registry));
        }
        return counter;
    }

    /** Sets a gauge, registered on first use; the value is kept with double precision. */
    public void gauge(String name, String description, double value, String... tags) {
        String key = name + '\u0000' + String.join("\u0000", tags);
        gauges.computeIfAbsent(key, k -> {
            AtomicLong bits = new AtomicLong();
            Gauge.builder(name, bits, b -> Double.longBitsToDouble(b.get())).description(description).tags(tags)
                    .register(registry);
            return bits;
        }).set(Double.doubleToLongBits(value));
    }

    /** The value as a tag of the given kind, or {@code _other} once that kind has too many values. */
    public String bounded(String kind, String value) {
        Set<String> seen = tagValues.computeIfAbsent(kind, k -> ConcurrentHashMap.newKeySet());
        if (seen.contains(value)) {
            return value;
        }
        if (seen.size() >= MAX_TAG_VALUES) {
            return OTHER;
        }
        seen.add(value);
        return value;
    }
}
