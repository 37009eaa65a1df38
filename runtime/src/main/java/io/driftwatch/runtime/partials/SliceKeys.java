package io.driftwatch.runtime.partials;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keys of time slices in a key-value store, {@code prefix|start|rest…} with the start zero-padded,
 * so that the keys of one prefix sort by time and closing walks only the slices due, in order.
 */
public final class SliceKeys {

    private SliceKeys() {
    }

    /** The key of a slice: {@code prefix|start|part|part…}; a negative start sorts as 0. */
    public static String key(String prefix, long start, String... parts) {
        StringBuilder key = new StringBuilder(prefix.length() + 64).append(prefix).append('|').append(padded(start));
        for (String part : parts) {
            key.append('|').append(part);
        }
        return key.toString();
    }

    /** A time as 19 digits (negative as 0), so that keys holding it sort by it. */
    public static String padded(long time) {
        String digits = Long.toString(Math.max(0, time));
        return "0".repeat(19 - digits.length()) + digits;
    }

    /** Every entry under {@code prefix} whose slice starts at or before {@code lastStart}, in key order; none when it is negative. */
    public static List<KeyValue<String, byte[]>> due(KeyValueStore<String, byte[]> store, String prefix, long lastStart) {
        List<KeyValue<String, byte[]>> due = new ArrayList<>();
        forEachDue(store, prefix, lastStart, (key, value) -> due.add(KeyValue.pair(key, value)));
        return due;
    }

    /** As {@link #due}, handing each entry to {@code action} instead of holding them all. */
    public static void forEachDue(KeyValueStore<String, byte[]> store, String prefix, long lastStart,
                                  BiConsumer<String, byte[]> action) {
        if (lastStart < 0) {
            return;
        }
        try (KeyValueIterator<String, byte[]> range = store.range(prefix + '|', key(prefix, lastStart, "\uffff"))) {
            range.forEachRemaining(entry -> action.accept(entry.key, entry.value));
        }
    }
}
