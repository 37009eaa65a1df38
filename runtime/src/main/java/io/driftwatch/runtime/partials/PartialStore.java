package io.driftwatch.runtime.partials;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * The partial summaries a task is building, kept in memory and written to a changelogged store
 * only when the task commits, so that updating a summary per record costs no serialization, and
 * still every committed input offset is covered by the changelog (exactly-once survives a crash).
 *
 * <p>Kafka Streams flushes {@link CachedStateStore}s before it commits a task's offsets and
 * transaction; that is the hook used here. It is an internal interface of Kafka Streams, pinned
 * with the Kafka version; the drift detector's topology test checks the hook still fires.
 */
public final class PartialStore<P extends PartialSummary> implements StateStore, CachedStateStore<byte[], byte[]> {

    private final KeyValueStore<Bytes, byte[]> inner;
    private final Function<byte[], P> decoder;
    private final Map<String, P> live = new LinkedHashMap<>();
    private final Set<String> dirty = new HashSet<>();
    private boolean loaded;

    private PartialStore(KeyValueStore<Bytes, byte[]> inner, Function<byte[], P> decoder) {
        this.inner = inner;
        this.decoder = decoder;
    }

    /** A builder of the store, changelogged under {@code name}; {@code decoder} reads back what {@link PartialSummary#toBytes} wrote. */
    public static <P extends PartialSummary> StoreBuilder<PartialStore<P>> builder(String name, Function<byte[], P> decoder) {
        StoreBuilder<KeyValueStore<Bytes, byte[]>> inner = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled();
        return new Builder<>(inner, decoder);
    }

    /** The partial of a slice, created if none is being built. */
    public P get(String sliceKey, Supplier<P> create) {
        load();
        dirty.add(sliceKey);
        return live.computeIfAbsent(sliceKey, k -> create.get());
    }

    /** Takes the partial of a slice out of the store, e.g. to send it early; null when none is being built. */
    public P remove(String sliceKey) {
        load();
        dirty.remove(sliceKey);
        inner.delete(key(sliceKey));
        return live.remove(sliceKey);
    }

    /** The partials being built that {@code due} accepts, which are then no longer kept. */
    public List<P> drain(Predicate<P> due) {
        load();
        List<P> drained = new ArrayList<>();
        for (Iterator<Map.Entry<String, P>> entries = live.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<String, P> entry = entries.next();
            if (due.test(entry.getValue())) {
                drained.add(entry.getValue());
                inner.delete(key(entry.getKey()));
                dirty.remove(entry.getKey());
                entries.remove();
            }
        }
        return drained;
    }

    /** After a restart, the partials of the changelog; read lazily, once restoration is over. */
    private void load() {
        if (loaded) {
            return;
        }
        try (KeyValueIterator<Bytes, byte[]> all = inner.all()) {
            all.forEachRemaining(e -> live.put(new String(e.key.get(), StandardCharsets.UTF_8),
                    decoder.apply(e.value)));
        }
        loaded = true;
    }

    private static Bytes key(String key) {
        return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void flushCache() {
        for (String key : dirty) {
            P partial = live.get(key);
            if (partial != null) {
                inner.put(key(key), partial.toBytes());
            }
        }
        dirty.clear();
    }

    @Override
    public void clearCache() {
        live.clear();
        dirty.clear();
        loaded = false;
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<byte[], byte[]> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return inner.name();
    }

    /**
     * Kafka Streams revives a task it closed dirty (e.g. after an aborted transaction) with the
     * same store object, and calls {@link #clearCache} only when it recycles one: so opening the
     * store forgets the uncommitted partials too, else they would count twice and hide the
     * committed ones.
     */
    @Override
    public void init(StateStoreContext context, StateStore root) {
        clearCache();
        inner.init(context, root);
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }

    private record Builder<P extends PartialSummary>(StoreBuilder<KeyValueStore<Bytes, byte[]>> inner,
                                                     Function<byte[], P> decoder) implements StoreBuilder<PartialStore<P>> {

        @Override
        public StoreBuilder<PartialStore<P>> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<PartialStore<P>> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<PartialStore<P>> withLoggingEnabled(Map<String, String> config) {
            return new Builder<>(inner.withLoggingEnabled(config), decoder);
        }

        @Override
        public StoreBuilder<PartialStore<P>> withLoggingDisabled() {
            return new Builder<>(inner.withLoggingDisabled(), decoder);
        }

        @Override
        public PartialStore<P> build() {
            return new PartialStore<>(inner.build(), decoder);
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
