package io.driftwatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.metrics.config.MetricsSettings;
import io.driftwatch.metrics.summary.WindowSummary;
import io.driftwatch.runtime.config.ModelCatalogue;
import io.driftwatch.runtime.partials.StoreContexts;
import io.driftwatch.runtime.testing.TestEvents;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HorizonRollupsTest {

    private static final long MINUTE = 60_000;
    private static final Duration HOUR = Duration.ofHours(1);
    /** 1-minute windows; the 1 h horizon has 60 buckets of a minute, in blocks of 8. */
    private static final MetricsSettings SETTINGS =
            MetricsSettings.fromSection(Map.of("window", "1m", "horizons", List.of("1h")), ModelCatalogue.EMPTY);

    @TempDir
    Path stateDir;
    private KeyValueStore<String, byte[]> store;

    @BeforeEach
    void store() {
        TrustedAvroPackages.trustEvents();
        store = StoreContexts.initialised(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("rollups"),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build(), stateDir);
    }

    /** Window w of a series holds w % 5 + 1 predictions. */
    private static WindowSummary window(int w) {
        WindowSummary summary = new WindowSummary();
        for (int i = 0; i <= w % 5; i++) {
            summary.addPrediction(TestEvents.prediction("p" + w + "-" + i, w), "1");
        }
        return summary;
    }

    private static long predictionsBetween(int fromWindow, int toWindow) {
        long count = 0;
        for (int w = Math.max(0, fromWindow); w < toWindow; w++) {
            count += w % 5 + 1;
        }
        return count;
    }

    @Test
    void eachSnapshotShouldMergeExactlyTheWindowsWithinTheHorizonAcrossBlocksAndRevisions() {
        HorizonRollups rollups = new HorizonRollups(store, SETTINGS);
        for (int w = 0; w < 150; w++) {
            rollups.add("churn", "1", "all", w * MINUTE, window(w));
            rollups.add("churn", "1", "country=DE", w * MINUTE, window(w));
            if (w == 100) {
                // Labels-like revision of an older window, well inside a block wholly within the horizon.
                rollups.add("churn", "1", "all", 70 * MINUTE, window(0));
            }
            // Several boundaries can pass at one close: the windows after the snapshot's end are there already.
            int end = w - 2;
            if (end < 1) {
                continue;
            }
            List<WindowState> series = new ArrayList<>(rollups.snapshot("1h", HOUR, end * MINUTE));
            long expected = predictionsBetween(end - 60, end) + (w >= 100 && end - 60 <= 70 ? 1 : 0);
            assertThat(series).as("end " + end).extracting(s -> s.segment).containsExactly("all", "country=DE");
            assertThat(series.get(0).summary.predictions()).as("end " + end).isEqualTo(expected);
            assertThat(series.get(1).summary.predictions()).as("end " + end).isEqualTo(predictionsBetween(end - 60, end));
            assertThat(series.get(0).windowStart).isEqualTo((end - 60) * MINUTE);
        }
        assertThat(keys()).as("buckets and blocks before the horizon are forgotten")
                .allSatisfy(key -> assertThat(start(key) >= (147 - 60) * MINUTE).isTrue());
        // The last snapshot, [87, 147): the blocks wholly inside it, [88, 96) … [136, 144), built and kept.
        assertThat(keys()).filteredOn(key -> key.startsWith("b|1h|churn/1|all|")).extracting(key -> start(key) / MINUTE)
                .containsExactly(88L, 96L, 104L, 112L, 120L, 128L, 136L);
    }

    @Test
    void aStoreWrittenWithoutBlocksShouldBuildThemWhenASnapshotNeedsThem() {
        HorizonRollups rollups = new HorizonRollups(store, SETTINGS);
        for (int w = 0; w < 70; w++) {
            rollups.add("churn", "1", "all", w * MINUTE, window(w));
        }
        // As a version before blocks left it: buckets only.
        keys().stream().filter(key -> !key.startsWith("r|")).forEach(store::delete);

        HorizonRollups reopened = new HorizonRollups(store, SETTINGS);
        // A revision of window 20, whose block [16, 24) lies wholly inside the next snapshot's horizon.
        reopened.add("churn", "1", "all", 20 * MINUTE, window(0));
        assertThat(reopened.snapshot("1h", HOUR, 70 * MINUTE)).singleElement()
                .satisfies(s -> assertThat(s.summary.predictions()).isEqualTo(predictionsBetween(10, 70) + 1));
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining((KeyValue<String, byte[]> e) -> keys.add(e.key));
        }
        return keys;
    }

    private static long start(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf('|') + 1));
    }
}
