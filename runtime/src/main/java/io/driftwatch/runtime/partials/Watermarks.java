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
 *
 * <p>When a partition comes back from idle, the partitions still idle hold time back at their
 * last progress for one more idle timeout of wall clock. After an outage of the whole cluster
 * every partition may have reported itself idle, and the first to read its backlog would
 * otherwise set the clock alone and close windows whose records the others have yet to read.
 */
public final class Watermarks {

    private static final String PROGRESS = "|progress|";
    private static final String IDLE = "|idle|";
    private static final String CLOSED = "|closed";
    private static final String IDLE_HELD_UNTIL = "|idle-held-until";

    private final KeyValueStore<String, Long> store;
    private final int inputPartitions;
    private final long idleTimeout;

    /**
     * @param inputPartitions how many partitions the inputs have
     * @param idleTimeout     the summarisers' idle timeout (ms of wall clock): how long idle partitions
     *                        hold time back once one of them is back
     */
    public Watermarks(KeyValueStore<String, Long> store, int inputPartitions, long idleTimeout) {
        this.store = store;
        this.inputPartitions = inputPartitions;
        this.idleTimeout = idleTimeout;
    }

    /**
     * Records a partition's progress.
     *
     * @param lag how far behind the clock time closes (e.g. a window plus its grace)
     * @param now the wall clock (ms)
     * @return the new bound up to which time is closed ({@code clock − lag}), when it moved forward
     */
    public OptionalLong advance(Progress progress, long lag, long now) {
        String stream = progress.stream();
        String partition = stream + PROGRESS + progress.partition();
        Long previous = store.get(partition);
        store.put(partition, previous == null ? progress.eventTime() : Math.max(previous, progress.eventTime()));
        String idle = stream + IDLE + progress.partition();
        if (progress.idle()) {
            store.put(idle, 1L);
        } else if (store.delete(idle) != null) {
            store.put(stream + IDLE_HELD_UNTIL, now + idleTimeout);
        }
        Map<String, Long> entries = new HashMap<>();
        try (KeyValueIterator<String, Long> all = store.prefixScan(stream + "|", new StringSerializer())) {
            all.forEachRemaining(e -> entries.put(e.key, e.value));
        }
        Long idleHeldUntil = entries.get(stream + IDLE_HELD_UNTIL);
        boolean idleHold = idleHeldUntil != null && now < idleHeldUntil;
        long leastActive = Long.MAX_VALUE;
        long greatest = Long.MIN_VALUE;
        int partitions = Math.max(inputPartitions, progress.partition() + 1);
        for (int p = 0; p < partitions; p++) {
            Long reported = entries.get(stream + PROGRESS + p);
            long value = reported == null ? Long.MIN_VALUE : reported;
            greatest = Math.max(greatest, value);
            if (idleHold || !entries.containsKey(stream + IDLE + p)) {
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
