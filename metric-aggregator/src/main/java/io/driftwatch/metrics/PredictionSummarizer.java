package io.driftwatch.metrics;

import io.driftwatch.events.PredictionEvent;
import io.driftwatch.metrics.config.MetricsSettings;
import io.driftwatch.metrics.summary.WindowSummary;
import io.driftwatch.runtime.partials.PartialSummarizer;
import org.apache.kafka.streams.processor.api.Record;

/** Summarises validated predictions per model version, base window of their event time and segment series. */
final class PredictionSummarizer extends PartialSummarizer<PredictionEvent, MetricPartial> {

    private final MetricsSettings settings;
    private final SegmentSeries series;

    PredictionSummarizer(String storeName, MetricsSettings settings) {
        super(MetricPartial.Kind.PREDICTIONS.name(), storeName, settings.flushInterval(), settings.idleTimeout(),
                settings.window(), settings.grace());
        this.settings = settings;
        this.series = new SegmentSeries(settings);
    }

    @Override
    public void process(Record<Object, PredictionEvent> record) {
        PredictionEvent event = record.value();
        if (event == null) {
            return;
        }
        long eventTime = event.getEventTime().toEpochMilli();
        boolean late = isLate(eventTime);
        long windowStart = sliceStart(eventTime);
        String positive = settings.estimatedPerformance() ? settings.model(event.getModelId()).positiveLabel() : null;
        for (String segment : series.of(event.getModelId(), event.getModelVersion(), windowStart, event.getSegments())) {
            WindowState state = partial(MetricPartial.storeKey(event.getModelId(), event.getModelVersion(), windowStart,
                    segment), eventTime, () -> new MetricPartial(MetricPartial.Kind.PREDICTIONS, event.getModelId(),
                    event.getModelVersion(), windowStart, segment, new WindowSummary())).window;
            state.summary.addPrediction(event, positive);
            state.lateRecords += late ? 1 : 0;
        }
    }
}
