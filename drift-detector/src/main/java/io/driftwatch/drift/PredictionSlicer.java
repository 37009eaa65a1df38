package io.driftwatch.drift;

import io.driftwatch.drift.config.DriftSettings;
import io.driftwatch.events.PredictionEvent;
import org.apache.kafka.streams.processor.api.Record;

/** Summarises validated predictions per model version and slice: features, score and predicted label. */
final class PredictionSlicer extends SlicingProcessor<PredictionEvent> {

    private final DriftSettings settings;

    PredictionSlicer(String storeName, DriftSettings settings) {
        super(Partial.Kind.PREDICTIONS, storeName, settings);
        this.settings = settings;
    }

    @Override
    public void process(Record<String, PredictionEvent> record) {
        PredictionEvent event = record.value();
        if (event == null) {
            return;
        }
        long eventTime = event.getEventTime().toEpochMilli();
        partial(event.getModelId(), event.getModelVersion(), eventTime,
                settings.model(event.getModelId()).maxCategories())
                .addPrediction(event.getNumericFeatures(), event.getCategoricalFeatures(), event.getScore(),
                        event.getPredictedLabel(), eventTime);
    }
}
