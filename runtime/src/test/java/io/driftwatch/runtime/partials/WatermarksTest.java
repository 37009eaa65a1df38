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
    private static final long IDLE_TIMEOUT = 30_000;
    private static final long NOW = 1_000_000;

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
        Watermarks watermarks = new Watermarks(store, 2, IDLE_TIMEOUT);

        assertThat(watermarks.advance(new Progress("p", 0, 1_000, false), LAG, NOW)).isEmpty();
        assertThat(watermarks.closedUpTo("p")).isNull();
        assertThat(watermarks.advance(new Progress("p", 1, 400, false), LAG, NOW)).hasValue(400 - LAG);
        assertThat(watermarks.closedUpTo("p")).isEqualTo(400 - LAG);
    }

    @Test
    void theLeastActivePartitionShouldSetTheClockAndAnIdleOneShouldNot() {
        Watermarks watermarks = new Watermarks(store, 3, IDLE_TIMEOUT);
        watermarks.advance(new Progress("p", 0, 1_000, false), LAG, NOW);
        watermarks.advance(new Progress("p", 1, 700, false), LAG, NOW);

        assertThat(watermarks.advance(new Progress("p", 2, 500, false), LAG, NOW)).hasValue(500 - LAG);
        assertThat(watermarks.advance(new Progress("p", 2, 500, true), LAG, NOW)).hasValue(700 - LAG);
        assertThat(watermarks.advance(new Progress("p", 1, 700, true), LAG, NOW)).hasValue(1_000 - LAG);
        assertThat(watermarks.advance(new Progress("p", 0, 1_000, true), LAG, NOW)).as("all idle: the greatest, unmoved")
                .isEmpty();
        assertThat(watermarks.advance(new Progress("p", 2, 1_500, true), LAG, NOW)).as("all idle: the greatest")
                .hasValue(1_500 - LAG);
    }

    @Test
    void closedTimeShouldNeverMoveBackAndStreamsShouldKeepClocksOfTheirOwn() {
        Watermarks watermarks = new Watermarks(store, 1, IDLE_TIMEOUT);
        assertThat(watermarks.advance(new Progress("p", 0, 1_000, false), LAG, NOW)).hasValue(1_000 - LAG);

        assertThat(watermarks.advance(new Progress("p", 0, 800, false), LAG, NOW)).as("an older report").isEmpty();
        assertThat(watermarks.advance(new Progress("p", 0, 1_000, false), LAG, NOW)).as("no progress").isEmpty();
        assertThat(watermarks.advance(new Progress("labels", 0, 50, false), 0, NOW)).hasValue(50);
        assertThat(watermarks.closedUpTo("p")).isEqualTo(1_000 - LAG);
    }

    @Test
    void aRestartShouldResumeFromTheStoreAndAPartitionBeyondTheCountShouldCount() {
        new Watermarks(store, 1, IDLE_TIMEOUT).advance(new Progress("p", 0, 1_000, false), LAG, NOW);

        Watermarks restarted = new Watermarks(store, 1, IDLE_TIMEOUT);
        assertThat(restarted.closedUpTo("p")).isEqualTo(1_000 - LAG);
        assertThat(restarted.advance(new Progress("p", 1, 600, false), LAG, NOW)).as("partition 1 added since").isEmpty();
        assertThat(restarted.advance(new Progress("p", 1, 2_000, false), LAG, NOW)).as("partition 0 still at 1 000").isEmpty();
        assertThat(restarted.advance(new Progress("p", 0, 1_500, false), LAG, NOW)).hasValue(1_500 - LAG);
    }

    @Test
    void afterEveryPartitionWasIdleTheFirstBackShouldNotCloseWhatTheOthersHaveYetToRead() {
        Watermarks watermarks = new Watermarks(store, 3, IDLE_TIMEOUT);
        for (int p = 0; p < 3; p++) {
            watermarks.advance(new Progress("p", p, 1_000, true), LAG, NOW);
        }
        assertThat(watermarks.closedUpTo("p")).isEqualTo(1_000 - LAG);

        // After an outage of the whole cluster partition 0 reads its backlog first, far ahead of the others.
        assertThat(watermarks.advance(new Progress("p", 0, 50_000, false), LAG, NOW + 100))
                .as("partitions 1 and 2 may hold unread records of the windows up to 50 000").isEmpty();
        assertThat(watermarks.advance(new Progress("p", 2, 1_000, true), LAG, NOW + 100 + IDLE_TIMEOUT - 1))
                .as("still idle, within the idle timeout after partition 0 came back").isEmpty();
        assertThat(watermarks.advance(new Progress("p", 1, 40_000, false), LAG, NOW + 20_000))
                .as("partition 1 back: partition 2 holds time for another idle timeout").isEmpty();
        assertThat(watermarks.advance(new Progress("p", 2, 1_000, true), LAG, NOW + 20_000 + IDLE_TIMEOUT - 1)).isEmpty();
        assertThat(watermarks.advance(new Progress("p", 2, 1_000, true), LAG, NOW + 20_000 + IDLE_TIMEOUT))
                .as("partition 2 had its chance and read nothing: idle again, it holds nothing back").hasValue(40_000 - LAG);
    }
}
