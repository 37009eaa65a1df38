package io.driftwatch.runtime.topics;

import java.time.Duration;

/**
 * One topic of the catalogue: its default name (before the configured prefix), key and value
 * types, and the cleanup policy and retention it is created with.
 *
 * @param retention how long records are kept; {@code null} keeps them forever
 */
public record TopicSpec<K, V>(String baseName, Class<K> keyType, Class<V> valueType, String cleanupPolicy,
                              Duration retention) {

    public boolean isCompacted() {
        return cleanupPolicy.contains("compact");
    }

    public long retentionMs() {
        return retention == null ? -1 : retention.toMillis();
    }
}
