package io.driftwatch.drift;

import io.driftwatch.drift.concept.ErrorSamples;
import io.driftwatch.drift.config.DriftSettings;
import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.TaskType;
import io.driftwatch.runtime.partials.PartialSummarizer;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns labelled predictions into the error stream, per model version and slice of the ground
 * truth's event time (when the outcome became known): 0/1 misclassification when both labels are
 * there, else the absolute error of the score. Corrections of an earlier ground truth are left
 * out, so that no prediction counts twice.
 */
final class ErrorSlicer extends PartialSummarizer<LabeledPrediction, Partial> {

    private final DriftSettings settings;
    private final DriftMetrics metrics;
    private final long slice;

    ErrorSlicer(String storeName, DriftSettings settings, DriftMetrics metrics) {
        super(Partial.Kind.ERRORS.name(), storeName, settings.flushInterval(), settings.idleTimeout(),
                settings.window(), settings.grace(), false);
        this.settings = settings;
        this.metrics = metrics;
        this.slice = settings.window().toMillis();
    }

    @Override
    public void process(Record<Object, LabeledPrediction> record) {
        LabeledPrediction labeled = record.value();
        if (labeled == null || labeled.getCorrection()) {
            return;
        }
        PredictionEvent prediction = labeled.getPrediction();
        GroundTruthEvent truth = labeled.getGroundTruth();
        TaskType task = settings.catalogue().model(prediction.getModelId()).task();
        double error;
        boolean absolute;
        if (task != TaskType.REGRESSION && prediction.getPredictedLabel() != null && truth.getActualLabel() != null) {
            error = prediction.getPredictedLabel().equals(truth.getActualLabel()) ? 0 : 1;
            absolute = false;
        } else if (task != TaskType.BINARY_CLASSIFICATION && task != TaskType.MULTICLASS_CLASSIFICATION
                && prediction.getScore() != null && truth.getActualValue() != null) {
            error = Math.abs(truth.getActualValue() - prediction.getScore());
            absolute = true;
        } else {
            metrics.labelWithoutError(prediction.getModelId());
            return;
        }
        long eventTime = truth.getEventTime().toEpochMilli();
        long sliceStart = Math.floorDiv(eventTime, slice) * slice;
        partial(Partial.sliceKey(prediction.getModelId(), prediction.getModelVersion(), sliceStart), eventTime,
                () -> Partial.errors(prediction.getModelId(), prediction.getModelVersion(), sliceStart))
                .addError(eventTime, ErrorSamples.tie(prediction.getPredictionId()), error, absolute);
    }
}
