package io.driftwatch.runtime.partials;

import java.time.Duration;
import java.util.Arrays;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The merging half of a summary that scales past one partition per key, the counterpart of
 * {@link PartialSummarizer}: it takes the partials of every input partition (routed by key) and
 * their {@link Progress}, keeps each stream's clock in {@link Watermarks}, and closes a stream's
 * slices once every partition that is not idle has passed them. What a processor does with a
 * partial and with a closed slice is its own.
 */
public abstract class PartialMerger<KOut, VOut> implements Processor<String, byte[], KOut, VOut> {

    private final String clocksStore;
    private final int inputPartitions;
    private final long window;
    private final long idleTimeout;
    private Watermarks watermarks;
    protected ProcessorContext<KOut, VOut> context;

    /**
     * @param clocksStore     the store of the streams' clocks (a {@code KeyValueStore<String, Long>})
     * @param inputPartitions how many partitions the summarisers run on
     * @param window          the length of a slice
     * @param idleTimeout     the summarisers' idle timeout
     */
    protected PartialMerger(String clocksStore, int inputPartitions, long window, Duration idleTimeout) {
        this.clocksStore = clocksStore;
        this.inputPartitions = inputPartitions;
        this.window = window;
        this.idleTimeout = idleTimeout.toMillis();
    }

    @Override
    public void init(ProcessorContext<KOut, VOut> context) {
        this.context = context;
        watermarks = new Watermarks(context.getStateStore(clocksStore), inputPartitions, idleTimeout);
    }

    @Override
    public final void process(Record<String, byte[]> record) {
        if (Progress.KEY.equals(record.key())) {
            Progress progress = Progress.fromBytes(record.value());
            watermarks.advance(progress, lag(progress.stream()), context.currentSystemTimeMs())
                    .ifPresent(closable -> close(progress.stream(), closable));
        } else {
            merge(record);
        }
    }

    /** How far behind a stream's clock its time closes: a window plus its grace, or 0 for time that is only revised. */
    protected abstract long lag(String stream);

    /** Closes the stream's slices that start at or before {@code lastClosable} (the clock minus the lag). */
    protected abstract void close(String stream, long lastClosable);

    /** Merges one partial, its value as the summariser sent it. */
    protected abstract void merge(Record<String, byte[]> partial);

    /**
     * The key to keep the partial being merged under, as it arrived, until its slice closes:
     * {@code prefix|start|parts…|offset}. Merged on arrival, a busy slice's state would be decoded
     * and rewritten per partial; kept apart, each partial is decoded once, when its slice closes.
     * By its input offset, so that a replay rewrites the same entry.
     */
    protected final String arrivalKey(String prefix, long start, String... parts) {
        String[] withOffset = Arrays.copyOf(parts, parts.length + 1);
        withOffset[parts.length] = SliceKeys.padded(context.recordMetadata().orElseThrow().offset());
        return SliceKeys.key(prefix, start, withOffset);
    }

    /** Up to where the stream's time is closed, or null before its first close. */
    protected final Long closedUpTo(String stream) {
        return watermarks.closedUpTo(stream);
    }

    /** The start of the first slice still open once time up to {@code closedUpTo} is closed: where a late partial counts. */
    protected final long firstOpenSlice(long closedUpTo) {
        return Math.floorDiv(closedUpTo, window) * window + window;
    }
}
