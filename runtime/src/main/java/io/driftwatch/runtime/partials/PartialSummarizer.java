package io.driftwatch.runtime.partials;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The per-partition half of a summary that scales past one partition per key: adds each record
 * to a partial summary (by a key such as model, version and time slice) in a {@link PartialStore},
 * and on a wall-clock interval sends the partials due under their routing key, followed by this
 * partition's {@link Progress} to every merging task. Raw events never leave the partition they
 * arrived on; send the output through a repartition with {@link PartialPartitioner}.
 *
 * <p>A partial is due once this partition's clock has passed its slice's close (end + grace),
 * which is all the merge needs it for, or when the partition reports itself idle (the merge then
 * closes without waiting for it): so each partition sends one partial per key and slice however
 * many flushes the slice lasts, not one per flush. Where open slices are shown before they close
 * (provisional snapshots), or partials are keyed by another time than their records' (labels by
 * their prediction's window), every partial is due at every flush. The summariser also flushes as
 * soon as its clock passes a window's close: the merge can close that window on the partitions'
 * reports at once, instead of one flush interval later.
 */
public abstract class PartialSummarizer<V, P extends PartialSummary> implements Processor<Object, V, String, byte[]> {

    private final String stream;
    private final String storeName;
    private final Duration flushInterval;
    private final long idleTimeout;
    private final long window;
    private final long grace;
    private final boolean sendEveryFlush;
    private ProcessorContext<String, byte[]> context;
    private PartialStore<P> partials;
    /**
     * The latest event time this partition has read (Long.MIN_VALUE before the first). Not
     * persisted: after a restart, or a revival of the task on the same processor, it starts
     * again from the first record read.
     */
    private long progress;
    private long lastRecordWallClock;

    /**
     * @param stream      the name of this kind of record in {@link Progress} (e.g. predictions)
     * @param idleTimeout without a record for this long (wall clock), the partition reports itself idle
     * @param window      the windows the merge closes, of this stream's event time
     * @param grace       how long after its end the merge closes a window
     * @param sendEveryFlush whether every partial travels at every flush, not only once this partition's clock has
     *                       closed its slice: where open slices are shown (provisional results), or where partials
     *                       are keyed by another clock than the one their records advance (labels by their
     *                       prediction's window)
     */
    protected PartialSummarizer(String stream, String storeName, Duration flushInterval, Duration idleTimeout,
                                Duration window, Duration grace, boolean sendEveryFlush) {
        this.stream = stream;
        this.storeName = storeName;
        this.flushInterval = flushInterval;
        this.idleTimeout = idleTimeout.toMillis();
        this.window = window.toMillis();
        this.grace = grace.toMillis();
        this.sendEveryFlush = sendEveryFlush;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.partials = context.getStateStore(storeName);
        progress = Long.MIN_VALUE;
        lastRecordWallClock = context.currentSystemTimeMs();
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, this::flush);
    }

    /**
     * The partial under {@code key}, created if none is being built, for a record at {@code eventTime};
     * a {@link PartialSummary#full() full} one is sent first and a new one started.
     */
    protected final P partial(String key, long eventTime, Supplier<P> create) {
        lastRecordWallClock = context.currentSystemTimeMs();
        if (eventTime > progress) {
            boolean passesClose = progress != Long.MIN_VALUE && eventTime >= nextClose(progress);
            progress = eventTime;
            if (passesClose) {
                // What was built so far goes now, with progress past the close; this record's window is later, still open.
                flush(lastRecordWallClock);
            }
        }
        P partial = partials.get(key, create);
        if (partial.full()) {
            send(partials.remove(key));
            partial = partials.get(key, create);
        }
        return partial;
    }

    /**
     * Whether a record at {@code eventTime} is late by this partition's clock: its slice's close
     * (end + grace) has passed. Ask before {@link #partial} takes the record.
     */
    protected final boolean isLate(long eventTime) {
        return closed(Math.floorDiv(eventTime, window) * window);
    }

    /**
     * The start of the slice a record at {@code eventTime} counts in: its own, or when it is
     * {@link #isLate late}, the first slice still open by this partition's clock. So a late record
     * counts on the same side of the close whenever the merge hears of the clock, instead of on
     * time or late depending on which it got first. Ask before {@link #partial} takes the record.
     */
    protected final long sliceStart(long eventTime) {
        return Math.floorDiv(isLate(eventTime) ? progress - grace : eventTime, window) * window;
    }

    /** Whether this partition's clock has passed the close (end + grace) of the slice starting at {@code sliceStart}. */
    private boolean closed(long sliceStart) {
        return progress != Long.MIN_VALUE && sliceStart + window + grace <= progress;
    }

    /** The first window close (end + grace) after {@code time}. */
    private long nextClose(long time) {
        return (Math.floorDiv(time - grace, window) + 1) * window + grace;
    }

    /** Sends the partials due, then this partition's progress: whatever the merge gets later from here is newer. */
    private void flush(long now) {
        boolean idle = now - lastRecordWallClock >= idleTimeout;
        partials.drain(partial -> idle || sendEveryFlush || closed(partial.sliceStart())).forEach(this::send);
        long timestamp = Math.max(0, progress);
        Progress report = new Progress(stream, context.taskId().partition(), progress, idle);
        context.forward(new Record<>(Progress.KEY, report.toBytes(), timestamp));
    }

    private void send(P partial) {
        context.forward(new Record<>(partial.routingKey(), partial.toBytes(), Math.max(0, progress)));
    }
}
