package io.driftwatch.metrics;

import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.metrics.config.MetricsSettings;
import io.driftwatch.metrics.summary.WindowSummary;
import io.driftwatch.runtime.partials.PartialSummarizer;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Summarises labelled predictions per model version and base window of the prediction's event
 * time (performance belongs to the window the prediction was made in); its progress is the
 * ground truth's event time, which decides when a window is final. A correction of an earlier
 * ground truth is left out, so that no prediction counts twice.
 */
final class LabelSummarizer extends PartialSummarizer<LabeledPrediction, MetricPartial> {

    private final MetricsSettings settings;
    private final long window;
    private final SegmentSeries series;

    LabelSummarizer(String storeName, MetricsSettings settings) {
        super(MetricPartial.Kind.LABELS.name(), storeName, settings.flushInterval(), settings.idleTimeout(),
                settings.window(), Duration.ZERO, true); // keyed by the prediction's window, revised by the labels' clock
        this.settings = settings;
        this.window = settings.window().toMillis();
        this.series = new SegmentSeries(settings);
    }

    @Override
    public void process(Record<Object, LabeledPrediction> record) {
        LabeledPrediction labeled = record.value();
        if (labeled == null || labeled.getCorrection()) {
            return;
        }
        PredictionEvent prediction = labeled.getPrediction();
        long start = Math.floorDiv(prediction.getEventTime().toEpochMilli(), window) * window;
        String positive = settings.catalogue().model(prediction.getModelId()).positiveLabel();
        long labelTime = labeled.getGroundTruth().getEventTime().toEpochMilli();
        for (String segment : series.of(prediction.getModelId(), prediction.getModelVersion(), start,
                prediction.getSegments())) {
            partial(MetricPartial.storeKey(prediction.getModelId(), prediction.getModelVersion(), start, segment),
                    labelTime, () -> new MetricPartial(MetricPartial.Kind.LABELS, prediction.getModelId(),
                            prediction.getModelVersion(), start, segment, new WindowSummary()))
                    .window.summary.addLabeled(labeled, positive);
        }
    }
}
