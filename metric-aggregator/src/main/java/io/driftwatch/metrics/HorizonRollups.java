package io.driftwatch.metrics;

import io.driftwatch.metrics.config.MetricsSettings;
import io.driftwatch.metrics.summary.WindowSummary;
import io.driftwatch.runtime.partials.SliceKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The rolling horizons' state: per horizon and series, 60 buckets (a 60th of the horizon each),
 * and per {@link #BLOCK_BUCKETS} consecutive buckets a block holding their merge. A horizon's
 * snapshot merges the blocks wholly inside it and single buckets only at its two ragged ends,
 * about 14 decodes per series instead of 60: the snapshots are sent at every bucket boundary for
 * every series, so with many models this re-merging was the metric merge's largest cost. A block
 * is a cache: built by the first snapshot that needs it, from the buckets that snapshot reads
 * anyway, and dropped when one of its buckets changes (a late label), so adding a window costs
 * no block update, and a store without blocks (written before them) just builds them.
 *
 * <p>Keys: {@code r|horizon|model|segment|start} for buckets and {@code b|…} for blocks, the start
 * padded as the key's tail, so expiry reads it from the key without decoding. The store is the
 * merge's rollups store, which also keeps the last boundary sent per horizon ({@code e|horizon}).
 */
final class HorizonRollups {

    private static final int BLOCK_BUCKETS = 8;
    private static final int START_DIGITS = SliceKeys.padded(0).length();

    private final KeyValueStore<String, byte[]> store;
    private final MetricsSettings settings;

    HorizonRollups(KeyValueStore<String, byte[]> store, MetricsSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** Adds a closed window's records (or later labels) to the bucket of each horizon; the bucket's block, if built, goes. */
    void add(String modelId, String modelVersion, String segment, long windowStart, WindowSummary summary) {
        settings.horizons().forEach((name, horizon) -> {
            long bucket = settings.bucket(horizon);
            String series = name + "|" + MetricPartial.modelKey(modelId, modelVersion) + "|" + segment + "|";
            long bucketStart = Math.floorDiv(windowStart, bucket) * bucket;
            WindowState.mergeInto(store, "r|" + series + SliceKeys.padded(bucketStart), modelId, modelVersion,
                    bucketStart, segment, summary);
            String block = blockKey(series, blockStart(bucketStart, bucket));
            if (store.get(block) != null) {
                store.delete(block);
            }
        });
    }

    /**
     * Every series of a horizon merged over {@code [end − horizon, end)}, in key order; buckets and
     * blocks that start before the horizon are forgotten.
     */
    Collection<WindowState> snapshot(String name, Duration horizon, long end) {
        long bucket = settings.bucket(horizon);
        long from = end - horizon.toMillis();
        Map<String, WindowState> merged = new LinkedHashMap<>();
        Map<String, Boolean> blocksMerged = new HashMap<>();
        Map<String, WindowState> built = new LinkedHashMap<>();
        List<String> expired = new ArrayList<>();
        forEach("r|" + name + "|", entry -> {
            long start = startOf(entry.key);
            String series = seriesOf(entry.key);
            if (start < from) {
                expired.add(entry.key);
            } else if (start < end) {
                // A bucket counts alone unless its block, wholly inside the horizon, stands for it.
                long blockStart = blockStart(start, bucket);
                boolean blockInside = blockStart >= from && blockStart + bucket * BLOCK_BUCKETS <= end;
                String block = blockKey(series, blockStart);
                if (!blockInside || !mergedBlock(merged, series, block, from, blocksMerged)) {
                    WindowState part = WindowState.fromBytes(entry.value);
                    add(merged, series, part, from);
                    if (blockInside) {
                        add(built, block, part, blockStart); // its buckets come one after another in key order
                    }
                }
            }
        });
        built.forEach((block, state) -> store.put(block, state.toBytes()));
        keys("b|" + name + "|").stream().filter(key -> startOf(key) < from).forEach(expired::add);
        expired.forEach(store::delete);
        return merged.values();
    }

    /** Whether the block stands for its buckets: merged once, at its first bucket; false when it is missing. */
    private boolean mergedBlock(Map<String, WindowState> merged, String series, String block, long from,
                                Map<String, Boolean> blocksMerged) {
        return blocksMerged.computeIfAbsent(block, key -> {
            byte[] stored = store.get(key);
            if (stored != null) {
                add(merged, series, WindowState.fromBytes(stored), from);
            }
            return stored != null;
        });
    }

    private static void add(Map<String, WindowState> merged, String series, WindowState part, long from) {
        merged.computeIfAbsent(series, k -> new WindowState(part.modelId, part.modelVersion, from, part.segment,
                new WindowSummary())).summary.merge(part.summary);
    }


    private static long blockStart(long bucketStart, long bucket) {
        return Math.floorDiv(bucketStart, bucket * BLOCK_BUCKETS) * bucket * BLOCK_BUCKETS;
    }

    /** {@code horizon|model|segment|} of a bucket's or a block's key. */
    private static String seriesOf(String key) {
        return key.substring(2, key.length() - START_DIGITS);
    }

    private static String blockKey(String series, long blockStart) {
        return "b|" + series + SliceKeys.padded(blockStart);
    }

    private static long startOf(String key) {
        return Long.parseLong(key.substring(key.length() - START_DIGITS));
    }

    /** Walks the entries under a prefix without holding them all: a horizon's buckets of every series can be large. */
    private void forEach(String prefix, Consumer<KeyValue<String, byte[]>> action) {
        try (KeyValueIterator<String, byte[]> all = store.prefixScan(prefix, new StringSerializer())) {
            all.forEachRemaining(action);
        }
    }

    private List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        forEach(prefix, entry -> keys.add(entry.key));
        return keys;
    }
}
