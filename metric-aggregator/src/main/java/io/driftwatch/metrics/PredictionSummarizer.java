package io.driftwatch.metrics;

import io.driftwatch.events.PredictionEvent;
import io.driftwatch.metrics.config.MetricsSettings;
import io.driftwatch.metrics.estimation.ClassCalibrations;
import io.driftwatch.metrics.summary.WindowSummary;
import io.driftwatch.runtime.partials.PartialSummarizer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Summarises validated predictions per model version, base window of their event time and segment series. */
final class PredictionSummarizer extends PartialSummarizer<PredictionEvent, MetricPartial> {

    private final MetricsSettings settings;
    private final SegmentSeries series;
    private final String profilesStore;
    private final PublishedClassCalibrations classCalibrations;
    private ProcessorContext<String, byte[]> context;

    /** @param profilesStore the reference-profiles global store, for multiclass calibrations */
    PredictionSummarizer(String storeName, MetricsSettings settings, String profilesStore,
                         PublishedClassCalibrations classCalibrations) {
        super(MetricPartial.Kind.PREDICTIONS.name(), storeName, settings.flushInterval(), settings.idleTimeout(),
                settings.window(), settings.grace(), settings.provisional());
        this.settings = settings;
        this.series = new SegmentSeries(settings);
        this.profilesStore = profilesStore;
        this.classCalibrations = classCalibrations;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        super.init(context);
        this.context = context;
        classCalibrations.init(context.getStateStore(profilesStore));
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
        String positive = settings.estimatedPerformance() ? settings.catalogue().model(event.getModelId()).positiveLabel() : null;
        ClassCalibrations classes = positive == null || event.getClassProbabilities().isEmpty()
                || event.getPredictedLabel() == null ? null
                : classCalibrations.of(event.getModelId(), event.getModelVersion(), context.currentSystemTimeMs());
        for (String segment : series.of(event.getModelId(), event.getModelVersion(), windowStart, event.getSegments())) {
            WindowState state = partial(MetricPartial.storeKey(event.getModelId(), event.getModelVersion(), windowStart,
                    segment), eventTime, () -> new MetricPartial(MetricPartial.Kind.PREDICTIONS, event.getModelId(),
                    event.getModelVersion(), windowStart, segment, new WindowSummary())).window;
            state.summary.addPrediction(event, positive, classes);
            state.lateRecords += late ? 1 : 0;
        }
    }
}
