package io.driftwatch.runtime.partials;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The merging task's event-time clock per stream, from the input partitions' {@link Progress}:
 * the least progress among the partitions that are not idle (the greatest, when all are idle).
 * Every input partition counts, also one that has not reported yet, so none can be forgotten
 * before its first report. Kept in a store, so that a restart resumes it.
 */
public final class Watermarks {

    private static final String PROGRESS = "|progress|";
    private static final String IDLE = "|idle|";
    private static final String CLOSED = "|closed";

    private final KeyValueStore<String, Long> store;
    private final int inputPartitions;

    /** @param inputPartitions how many partitions the inputs have */
    public Watermarks(KeyValueStore<String, Long> store, int inputPartitions) {
        this.store = store;
        this.inputPartitions = inputPartitions;
    }

    /**
     * Records a partition's progress.
     *
     * @param lag how far behind the clock time closes (e.g. a window plus its grace)
     * @return the new bound up to which time is closed ({@code clock − lag}), when it moved forward
     */
    public OptionalLong advance(Progress progress, long lag) {
        String stream = progress.stream();
        String partition = stream + PROGRESS + progress.partition();
        Long previous = store.get(partition);
        store.put(partition, previous == null ? progress.eventTime() : Math.max(previous, progress.eventTime()));
        if (progress.idle()) {
            store.put(stream + IDLE + progress.partition(), 1L);
        } else {
            store.delete(stream + IDLE + progress.partition());
        }
        Map<String, Long> entries = new HashMap<>();
        try (KeyValueIterator<String, Long> all = store.prefixScan(stream + "|", new StringSerializer())) {
            all.forEachRemaining(e -> entries.put(e.key, e.value));
        }
        long leastActive = Long.MAX_VALUE;
        long greatest = Long.MIN_VALUE;
        int partitions = Math.max(inputPartitions, progress.partition() + 1);
        for (int p = 0; p < partitions; p++) {
            Long reported = entries.get(stream + PROGRESS + p);
            long value = reported == null ? Long.MIN_VALUE : reported;
            greatest = Math.max(greatest, value);
            if (!entries.containsKey(stream + IDLE + p)) {
                leastActive = Math.min(leastActive, value);
            }
        }
        long clock = leastActive != Long.MAX_VALUE ? leastActive : greatest;
        if (clock == Long.MIN_VALUE) {
            return OptionalLong.empty();
        }
        long closable = clock - lag;
        Long closed = entries.get(stream + CLOSED);
        if (closed != null && closable <= closed) {
            return OptionalLong.empty();
        }
        store.put(stream + CLOSED, closable);
        return OptionalLong.of(closable);
    }

    /** The bound up to which the stream's time is closed, or null before the first. */
    public Long closedUpTo(String stream) {
        return store.get(stream + CLOSED);
    }
}
