package io.driftwatch.drift;

import io.driftwatch.drift.config.DriftSettings;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.runtime.partials.PartialSummarizer;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Summarises validated predictions per model version and slice: features, score and predicted
 * label. A prediction late by this partition's clock counts in the first open slice.
 */
final class PredictionSlicer extends PartialSummarizer<PredictionEvent, Partial> {

    private final DriftSettings settings;
    private final DriftMetrics metrics;

    PredictionSlicer(String storeName, DriftSettings settings, DriftMetrics metrics) {
        super(Partial.Kind.PREDICTIONS.name(), storeName, settings.flushInterval(), settings.idleTimeout(),
                settings.window(), settings.grace());
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void process(Record<Object, PredictionEvent> record) {
        PredictionEvent event = record.value();
        if (event == null) {
            return;
        }
        long eventTime = event.getEventTime().toEpochMilli();
        if (isLate(eventTime)) {
            metrics.late(event.getModelId(), Partial.Kind.PREDICTIONS, 1);
        }
        long sliceStart = sliceStart(eventTime);
        int maxCategories = settings.model(event.getModelId()).maxCategories();
        partial(Partial.sliceKey(event.getModelId(), event.getModelVersion(), sliceStart), eventTime,
                () -> Partial.predictions(event.getModelId(), event.getModelVersion(), sliceStart, maxCategories))
                .addPrediction(event.getNumericFeatures(), event.getCategoricalFeatures(), event.getScore(),
                        event.getPredictedLabel(), eventTime);
    }
}
