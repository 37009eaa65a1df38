package io.driftwatch.runtime.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A key-value store of encoded state objects with the most recently used ones kept decoded, so
 * that an object read, changed and written back many times (a window merged per partial, a
 * horizon's buckets summed per boundary) is decoded once rather than each time. The store stays
 * the truth: every write still goes to it, and so to its changelog.
 *
 * <p>Objects handed out are the cached ones: a caller that changes one must write it back (or
 * delete it). Call {@link #clear} when the processor is initialised, since a task revived after an
 * aborted transaction has its store rolled back to the last commit, and this memory must follow.
 */
public final class DecodedCache<V> {

    private final Function<byte[], V> decoder;
    private final Function<V, byte[]> encoder;
    private final Map<String, V> recent;
    private KeyValueStore<String, byte[]> store;

    /** @param capacity how many decoded objects to keep at most (least recently used go first) */
    public DecodedCache(Function<byte[], V> decoder, Function<V, byte[]> encoder, int capacity) {
        this.decoder = decoder;
        this.encoder = encoder;
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Starts over on {@code store}: called from the processor's {@code init}. */
    public void init(KeyValueStore<String, byte[]> store) {
        this.store = store;
        recent.clear();
    }

    /** The object under {@code key}, or null. */
    public V get(String key) {
        V value = recent.get(key);
        if (value == null) {
            byte[] bytes = store.get(key);
            if (bytes == null) {
                return null;
            }
            value = decoder.apply(bytes);
            recent.put(key, value);
        }
        return value;
    }

    /**
     * The object of an entry read by a scan of the store. Not kept when it was not cached: a scan
     * longer than the capacity would otherwise push out every object before it is read again.
     */
    public V get(KeyValue<String, byte[]> entry) {
        V value = recent.get(entry.key);
        return value != null ? value : decoder.apply(entry.value);
    }

    public void put(String key, V value) {
        store.put(key, encoder.apply(value));
        recent.put(key, value);
    }

    public void delete(String key) {
        store.delete(key);
        recent.remove(key);
    }
}
