package io.driftwatch.drift;

import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The per-partition half: adds each record to its model version's partial summary of the
 * record's time slice, and on a wall-clock interval sends every partial built since, keyed by
 * model version, to be merged. Raw events never leave the partition they arrived on.
 */
abstract class SlicingProcessor<V> implements Processor<String, V, String, byte[]> {

    private final String storeName;
    private final long sliceMillis;
    private final Duration flushInterval;
    private ProcessorContext<String, byte[]> context;
    private PartialStore partials;

    SlicingProcessor(String storeName, Duration slice, Duration flushInterval) {
        this.storeName = storeName;
        this.sliceMillis = slice.toMillis();
        this.flushInterval = flushInterval;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.partials = context.getStateStore(storeName);
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    /** The partial of the slice that holds {@code eventTime}, for one model version. */
    final Partial partial(Partial.Kind kind, String modelId, String modelVersion, long eventTime, int maxCategories) {
        long sliceStart = Math.floorDiv(eventTime, sliceMillis) * sliceMillis;
        String key = modelId + '\u0000' + modelVersion + '\u0000' + sliceStart;
        return partials.get(key, () -> kind == Partial.Kind.PREDICTIONS
                ? Partial.predictions(modelId, modelVersion, sliceStart, maxCategories)
                : Partial.errors(modelId, modelVersion, sliceStart));
    }

    private void flush() {
        for (Partial partial : partials.drain()) {
            context.forward(new Record<>(partial.modelKey(), partial.toBytes(), Math.max(0, partial.maxEventTime())));
        }
    }

    @Override
    public abstract void process(Record<String, V> record);
}
