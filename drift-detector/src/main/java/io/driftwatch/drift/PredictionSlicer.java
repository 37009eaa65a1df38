package io.driftwatch.drift;

import io.driftwatch.drift.config.DriftSettings;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.runtime.partials.PartialSummarizer;
import io.driftwatch.runtime.streams.TopologyParts;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Summarises validated predictions per model version and slice: features, score and predicted
 * label. A prediction late by this partition's clock counts in the first open slice. A version
 * with a published reference gets partials without the joint moments' groups, which only a
 * capture needs (looked up once per partial, in the reference-profile global store).
 */
final class PredictionSlicer extends PartialSummarizer<PredictionEvent, Partial> {

    private final DriftSettings settings;
    private final DriftMetrics metrics;
    private KeyValueStore<String, byte[]> references;

    PredictionSlicer(String storeName, DriftSettings settings, DriftMetrics metrics) {
        super(Partial.Kind.PREDICTIONS.name(), storeName, settings.flushInterval(), settings.idleTimeout(),
                settings.window(), settings.grace(), false);
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        super.init(context);
        references = context.getStateStore(TopologyParts.REFERENCE_PROFILES);
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
        String modelId = event.getModelId();
        String version = event.getModelVersion();
        partial(Partial.sliceKey(modelId, version, sliceStart), eventTime, () -> Partial.predictions(modelId, version,
                sliceStart, maxCategories, references.get(Partial.modelKey(modelId, version)) == null))
                .addPrediction(event.getNumericFeatures(), event.getCategoricalFeatures(), event.getScore(),
                        event.getPredictedLabel(), eventTime);
    }
}
