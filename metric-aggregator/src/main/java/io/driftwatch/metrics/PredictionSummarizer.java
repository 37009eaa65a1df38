package io.driftwatch.metrics;

import io.driftwatch.events.PredictionEvent;
import io.driftwatch.metrics.config.MetricsSettings;
import io.driftwatch.metrics.summary.WindowSummary;
import io.driftwatch.runtime.partials.PartialSummarizer;
import org.apache.kafka.streams.processor.api.Record;

/** Summarises validated predictions per model version, base window of their event time and segment series. */
final class PredictionSummarizer extends PartialSummarizer<PredictionEvent, MetricPartial> {

    private final long window;
    private final long grace;
    private final SegmentSeries series;

    PredictionSummarizer(String storeName, MetricsSettings settings) {
        super(MetricPartial.Kind.PREDICTIONS.name(), storeName, settings.flushInterval(), settings.idleTimeout(),
                settings.window(), settings.grace());
        this.window = settings.window().toMillis();
        this.grace = settings.grace().toMillis();
        this.series = new SegmentSeries(settings);
    }

    @Override
    public void process(Record<Object, PredictionEvent> record) {
        PredictionEvent event = record.value();
        if (event == null) {
            return;
        }
        long eventTime = event.getEventTime().toEpochMilli();
        long clock = progress();
        // Beyond grace by this partition's own clock: late into its first open window now, rather than
        // on time or late depending on whether the merge heard of the clock before the partial.
        boolean late = clock != Long.MIN_VALUE && Math.floorDiv(eventTime, window) * window + window + grace <= clock;
        long windowStart = Math.floorDiv(late ? clock - grace : eventTime, window) * window;
        for (String segment : series.of(event.getModelId(), event.getModelVersion(), windowStart, event.getSegments())) {
            WindowState state = partial(MetricPartial.storeKey(event.getModelId(), event.getModelVersion(), windowStart,
                    segment), eventTime, () -> new MetricPartial(MetricPartial.Kind.PREDICTIONS, event.getModelId(),
                    event.getModelVersion(), windowStart, segment, new WindowSummary())).window;
            state.summary.addPrediction(event);
            state.lateRecords += late ? 1 : 0;
        }
    }
}
