package io.driftwatch.runtime.partials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatermarksTest {

    private static final long LAG = 90;

    @TempDir
    Path stateDir;
    private KeyValueStore<String, Long> store;

    @BeforeEach
    void store() {
        store = StoreContexts.initialised(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("clocks"),
                Serdes.String(), Serdes.Long()).withLoggingDisabled().build(), stateDir);
    }

    @Test
    void aPartitionThatHasNotReportedShouldHoldTimeBack() {
        Watermarks watermarks = new Watermarks(store, 2);

        assertThat(watermarks.advance(new Progress("p", 0, 1_000, false), LAG)).isEmpty();
        assertThat(watermarks.closedUpTo("p")).isNull();
        assertThat(watermarks.advance(new Progress("p", 1, 400, false), LAG)).hasValue(400 - LAG);
        assertThat(watermarks.closedUpTo("p")).isEqualTo(400 - LAG);
    }

    @Test
    void theLeastActivePartitionShouldSetTheClockAndAnIdleOneShouldNot() {
        Watermarks watermarks = new Watermarks(store, 3);
        watermarks.advance(new Progress("p", 0, 1_000, false), LAG);
        watermarks.advance(new Progress("p", 1, 700, false), LAG);

        assertThat(watermarks.advance(new Progress("p", 2, 500, false), LAG)).hasValue(500 - LAG);
        assertThat(watermarks.advance(new Progress("p", 2, 500, true), LAG)).hasValue(700 - LAG);
        assertThat(watermarks.advance(new Progress("p", 1, 700, true), LAG)).hasValue(1_000 - LAG);
        assertThat(watermarks.advance(new Progress("p", 0, 1_000, true), LAG)).as("all idle: the greatest, unmoved")
                .isEmpty();
        assertThat(watermarks.advance(new Progress("p", 2, 1_500, true), LAG)).as("all idle: the greatest")
                .hasValue(1_500 - LAG);
    }

    @Test
    void closedTimeShouldNeverMoveBackAndStreamsShouldKeepClocksOfTheirOwn() {
        Watermarks watermarks = new Watermarks(store, 1);
        assertThat(watermarks.advance(new Progress("p", 0, 1_000, false), LAG)).hasValue(1_000 - LAG);

        assertThat(watermarks.advance(new Progress("p", 0, 800, false), LAG)).as("an older report").isEmpty();
        assertThat(watermarks.advance(new Progress("p", 0, 1_000, false), LAG)).as("no progress").isEmpty();
        assertThat(watermarks.advance(new Progress("labels", 0, 50, false), 0)).hasValue(50);
        assertThat(watermarks.closedUpTo("p")).isEqualTo(1_000 - LAG);
    }

    @Test
    void aRestartShouldResumeFromTheStoreAndAPartitionBeyondTheCountShouldCount() {
        new Watermarks(store, 1).advance(new Progress("p", 0, 1_000, false), LAG);

        Watermarks restarted = new Watermarks(store, 1);
        assertThat(restarted.closedUpTo("p")).isEqualTo(1_000 - LAG);
        assertThat(restarted.advance(new Progress("p", 1, 600, false), LAG)).as("partition 1 added since").isEmpty();
        assertThat(restarted.advance(new Progress("p", 1, 2_000, false), LAG)).as("partition 0 still at 1 000").isEmpty();
        assertThat(restarted.advance(new Progress("p", 0, 1_500, false), LAG)).hasValue(1_500 - LAG);
    }
}
