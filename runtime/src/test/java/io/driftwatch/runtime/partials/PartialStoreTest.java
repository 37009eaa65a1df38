package io.driftwatch.runtime.partials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's contract with Kafka Streams: nothing written per record, everything dirty written at the commit's flush. */
class PartialStoreTest {

    @TempDir
    Path stateDir;
    private MockProcessorContext<Object, Object> task;
    private PartialStore<CountingPartial> store;

    @BeforeEach
    void store() {
        task = StoreContexts.context(stateDir);
        store = StoreContexts.initialised(PartialStore.builder("partials", CountingPartial::fromBytes).withLoggingDisabled().build(),
                task);
    }

    @Test
    void aPartialShouldBeWrittenOnlyAtTheFlushAndReadBackAfterTheCacheIsLost() {
        store.get("a", () -> new CountingPartial(0)).count += 2;
        store.get("a", () -> new CountingPartial(0)).count += 3;
        store.clearCache(); // a task that fails before its commit: nothing was written
        assertThat(store.get("a", () -> new CountingPartial(0)).count).isZero();

        store.get("a", () -> new CountingPartial(0)).count += 5;
        store.flushCache();
        store.clearCache(); // the commit wrote it: a restart reads it back
        assertThat(store.get("a", () -> new CountingPartial(0)).count).isEqualTo(5);
    }

    @Test
    void aStoreClosedDirtyAndOpenedAgainShouldForgetWhatWasNotCommitted() {
        store.get("a", () -> new CountingPartial(0)).count += 5;
        store.flushCache();
        store.get("a", () -> new CountingPartial(0)).count += 7; // processed, then the transaction aborts
        store.get("b", () -> new CountingPartial(0)).count += 1;

        store.close(); // what Kafka Streams does to revive a task it closed dirty: same object, init again
        StoreContexts.initialised(store, task);
        assertThat(store.drain(c -> true)).extracting(c -> c.count).containsExactly(5L);
    }

    @Test
    void drainedAndRemovedPartialsShouldLeaveTheStore() {
        store.get("a", () -> new CountingPartial(0)).count = 1;
        store.get("b", () -> new CountingPartial(0)).count = 2;
        store.get("c", () -> new CountingPartial(60_000)).count = 3;
        store.flushCache();

        assertThat(store.remove("b").count).isEqualTo(2);
        assertThat(store.drain(c -> c.sliceStart == 0)).extracting(c -> c.count).containsExactly(1L);
        store.flushCache();
        store.clearCache();
        assertThat(store.drain(c -> true)).as("the one not drained, read back from the store").extracting(c -> c.count)
                .containsExactly(3L);
        store.flushCache();
        store.clearCache();
        assertThat(store.drain(c -> true)).isEmpty();
        assertThat(store.remove("a")).isNull();
    }
}
