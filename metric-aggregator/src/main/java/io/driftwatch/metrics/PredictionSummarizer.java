package io.driftwatch.metrics;

import io.driftwatch.events.PredictionEvent;
import io.driftwatch.metrics.config.MetricsSettings;
import io.driftwatch.metrics.summary.WindowSummary;
import io.driftwatch.runtime.partials.PartialSummarizer;
import org.apache.kafka.streams.processor.api.Record;

/** Summarises validated predictions per model version, base window of their event time and segment series. */
final class PredictionSummarizer extends PartialSummarizer<PredictionEvent, MetricPartial> {

    private final long window;
    private final SegmentSeries series;

    PredictionSummarizer(String storeName, MetricsSettings settings) {
        super(MetricPartial.Kind.PREDICTIONS.name(), storeName, settings.flushInterval(), settings.idleTimeout());
        this.window = settings.window().toMillis();
        this.series = new SegmentSeries(settings);
    }

    @Override
    public void process(Record<String, PredictionEvent> record) {
        PredictionEvent event = record.value();
        if (event == null) {
            return;
        }
        long eventTime = event.getEventTime().toEpochMilli();
        long start = Math.floorDiv(eventTime, window) * window;
        for (String segment : series.of(event.getModelId(), event.getModelVersion(), start, event.getSegments())) {
            partial(MetricPartial.storeKey(event.getModelId(), event.getModelVersion(), start, segment), eventTime,
                    () -> new MetricPartial(MetricPartial.Kind.PREDICTIONS, event.getModelId(), event.getModelVersion(),
                            start, segment, new WindowSummary()))
                    .window.summary.addPrediction(event);
        }
    }
}
