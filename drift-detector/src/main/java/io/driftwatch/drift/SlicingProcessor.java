package io.driftwatch.drift;

import io.driftwatch.drift.config.DriftSettings;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The per-partition half: adds each record to its model version's partial summary of the
 * record's time slice, and on a wall-clock interval sends every partial built since, keyed by
 * model version, to be merged, followed by this partition's {@link Progress}. Raw events never
 * leave the partition they arrived on.
 */
abstract class SlicingProcessor<V> implements Processor<String, V, String, byte[]> {

    private final Partial.Kind kind;
    private final String storeName;
    private final long sliceMillis;
    private final Duration flushInterval;
    private final long idleTimeout;
    private ProcessorContext<String, byte[]> context;
    private PartialStore partials;
    private long progress = Long.MIN_VALUE;
    private long lastRecordWallClock;

    SlicingProcessor(Partial.Kind kind, String storeName, DriftSettings settings) {
        this.kind = kind;
        this.storeName = storeName;
        this.sliceMillis = settings.window().toMillis();
        this.flushInterval = settings.flushInterval();
        this.idleTimeout = settings.idleTimeout().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.partials = context.getStateStore(storeName);
        lastRecordWallClock = context.currentSystemTimeMs();
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, this::flush);
    }

    /** The partial of the slice that holds {@code eventTime}, for one model version. */
    final Partial partial(String modelId, String modelVersion, long eventTime, int maxCategories) {
        progress = Math.max(progress, eventTime);
        lastRecordWallClock = context.currentSystemTimeMs();
        long sliceStart = Math.floorDiv(eventTime, sliceMillis) * sliceMillis;
        String key = modelId + '\u0000' + modelVersion + '\u0000' + sliceStart;
        return partials.get(key, () -> kind == Partial.Kind.PREDICTIONS
                ? Partial.predictions(modelId, modelVersion, sliceStart, maxCategories)
                : Partial.errors(modelId, modelVersion, sliceStart));
    }

    /** Sends the partials, then this partition's progress: whatever the merge gets later from here is newer. */
    private void flush(long now) {
        for (Partial partial : partials.drain()) {
            context.forward(new Record<>(partial.modelKey(), partial.toBytes(), Math.max(0, partial.maxEventTime())));
        }
        boolean idle = now - lastRecordWallClock >= idleTimeout;
        Progress report = new Progress(kind, context.taskId().partition(), progress, idle);
        context.forward(new Record<>(Progress.KEY, report.toBytes(), Math.max(0, progress)));
    }

    @Override
    public abstract void process(Record<String, V> record);
}
