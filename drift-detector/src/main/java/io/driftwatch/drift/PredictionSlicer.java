package io.driftwatch.drift;

import io.driftwatch.drift.config.DriftSettings;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.runtime.partials.PartialSummarizer;
import org.apache.kafka.streams.processor.api.Record;

/** Summarises validated predictions per model version and slice: features, score and predicted label. */
final class PredictionSlicer extends PartialSummarizer<PredictionEvent, Partial> {

    private final DriftSettings settings;
    private final long slice;

    PredictionSlicer(String storeName, DriftSettings settings) {
        super(Partial.Kind.PREDICTIONS.name(), storeName, settings.flushInterval(), settings.idleTimeout(),
                settings.window(), settings.grace());
        this.settings = settings;
        this.slice = settings.window().toMillis();
    }

    @Override
    public void process(Record<Object, PredictionEvent> record) {
        PredictionEvent event = record.value();
        if (event == null) {
            return;
        }
        long eventTime = event.getEventTime().toEpochMilli();
        long sliceStart = Math.floorDiv(eventTime, slice) * slice;
        int maxCategories = settings.model(event.getModelId()).maxCategories();
        partial(Partial.sliceKey(event.getModelId(), event.getModelVersion(), sliceStart), eventTime,
                () -> Partial.predictions(event.getModelId(), event.getModelVersion(), sliceStart, maxCategories))
                .addPrediction(event.getNumericFeatures(), event.getCategoricalFeatures(), event.getScore(),
                        event.getPredictedLabel(), eventTime);
    }
}
