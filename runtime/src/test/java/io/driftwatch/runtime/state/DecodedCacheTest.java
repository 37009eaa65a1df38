package io.driftwatch.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodedCacheTest {

    @TempDir
    Path stateDir;
    private KeyValueStore<String, byte[]> store;
    private final AtomicInteger decoded = new AtomicInteger();
    private DecodedCache<StringBuilder> cache;

    @BeforeEach
    void cache() {
        store = StoreContexts.initialised(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("states"),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build(), stateDir);
        cache = new DecodedCache<>(bytes -> {
            decoded.incrementAndGet();
            return new StringBuilder(new String(bytes, StandardCharsets.UTF_8));
        }, value -> value.toString().getBytes(StandardCharsets.UTF_8), 2);
        cache.init(store);
    }

    @Test
    void anObjectWrittenShouldBeReadBackWithoutDecodingAndStillReachTheStore() {
        cache.put("a", new StringBuilder("1"));
        cache.get("a").append("2");
        cache.put("a", cache.get("a"));

        assertThat(cache.get("a")).hasToString("12");
        assertThat(decoded).hasValue(0);
        assertThat(new String(store.get("a"), StandardCharsets.UTF_8)).isEqualTo("12");
    }

    @Test
    void anObjectOnlyInTheStoreShouldBeDecodedOnceThenKept() {
        store.put("a", "x".getBytes(StandardCharsets.UTF_8));

        assertThat(cache.get("a")).hasToString("x");
        assertThat(cache.get("a")).hasToString("x");
        assertThat(cache.get("missing")).isNull();
        assertThat(decoded).hasValue(1);
    }

    @Test
    void theLeastRecentlyUsedShouldGoFirstAndBeDecodedAgain() {
        cache.put("a", new StringBuilder("1"));
        cache.put("b", new StringBuilder("2"));
        cache.get("a");
        cache.put("c", new StringBuilder("3"));

        cache.get("a");
        cache.get("c");
        assertThat(decoded).hasValue(0);
        assertThat(cache.get("b")).hasToString("2");
        assertThat(decoded).hasValue(1);
    }

    @Test
    void aScanShouldUseCachedObjectsButNotPushThemOut() {
        cache.put("a", new StringBuilder("1"));
        cache.get("a").append("!"); // changed, not yet written back: the scan must see the cached object
        store.put("b", "2".getBytes(StandardCharsets.UTF_8));
        store.put("c", "3".getBytes(StandardCharsets.UTF_8));

        List<String> scanned = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining((KeyValue<String, byte[]> entry) -> scanned.add(cache.get(entry).toString()));
        }
        assertThat(scanned).containsExactly("1!", "2", "3");
        assertThat(decoded).hasValue(2);
        cache.get("a");
        assertThat(decoded).hasValue(2);
    }

    @Test
    void deletingAndStartingOverShouldForgetTheDecodedObjects() {
        cache.put("a", new StringBuilder("1"));
        cache.delete("a");
        assertThat(cache.get("a")).isNull();
        assertThat(store.get("a")).isNull();

        cache.put("b", new StringBuilder("2"));
        cache.get("b").append("uncommitted");
        cache.init(store);
        assertThat(cache.get("b")).hasToString("2");
        assertThat(decoded).hasValue(1);
    }
}
