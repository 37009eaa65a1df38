package io.driftwatch.alerting;

import io.driftwatch.alerting.config.AlertingSettings;
import io.driftwatch.alerting.lifecycle.AlertLifecycle;
import io.driftwatch.alerting.rules.DeadLetterCondition;
import io.driftwatch.alerting.rules.DriftCondition;
import io.driftwatch.alerting.rules.MetricCondition;
import io.driftwatch.alerting.rules.Rule;
import io.driftwatch.alerting.rules.SilenceCondition;
import io.driftwatch.alerting.rules.SnapshotMetrics;
import io.driftwatch.events.ConceptDriftStatus;
import io.driftwatch.events.DetectorState;
import io.driftwatch.events.DriftReport;
import io.driftwatch.events.Evidence;
import io.driftwatch.events.FeatureDrift;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.events.Severity;
import io.driftwatch.schemas.SnapshotSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Judges each model's metric snapshots and drift reports against its rules, keeps every alert's
 * lifecycle, and sends alerts and retraining triggers. Records arrive keyed by model id, so one
 * task holds all of a model's state. Rules without events (no predictions for a while) are checked
 * on a wall-clock interval.
 *
 * <p>Metric rules judge the overall base windows ({@code segment = *}, {@code horizon = base}): a
 * label-free metric when the window closes (revision 0), a labelled one when it is final, so that
 * each window counts once. Drift rules judge every report.
 */
final class AlertProcessor implements Processor<String, Object, String, SpecificRecord> {

    /** The model id of alerts about the whole pipeline rather than one model. */
    static final String ALL_MODELS = "*";

    private final AlertingSettings settings;
    private final String alertStoreName;
    private final String modelStoreName;
    private final AlertingMetrics metrics;
    private final Triggers triggers;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, byte[]> alerts;
    private KeyValueStore<String, byte[]> models;

    AlertProcessor(AlertingSettings settings, String alertStoreName, String modelStoreName, AlertingMetrics metrics) {
        this.settings = settings;
        this.alertStoreName = alertStoreName;
        this.modelStoreName = modelStoreName;
        this.metrics = metrics;
        this.triggers = new Triggers(settings, metrics);
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        alerts = context.getStateStore(alertStoreName);
        models = context.getStateStore(modelStoreName);
        context.schedule(settings.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkOnWallClock);
    }

    @Override
    public void process(Record<String, Object> record) {
        if (record.value() instanceof MetricSnapshot snapshot) {
            snapshot(snapshot);
        } else if (record.value() instanceof DriftReport report) {
            report(report);
        } else if (record.value() instanceof DeadLetter letter) {
            DeadLetterCounts counts = DeadLetterCounts.fromBytes(models.get(DeadLetter.KEY));
            counts.add(letter.processor());
            models.put(DeadLetter.KEY, counts.toBytes());
        }
    }

    private void snapshot(MetricSnapshot s) {
        if (!SnapshotSeries.BASE.equals(s.getHorizon()) || !SnapshotSeries.ALL_SEGMENTS.equals(s.getSegment())
                || s.getProvisional()) {
            return;
        }
        String model = s.getModelId();
        String version = s.getModelVersion();
        long windowEnd = s.getWindowEnd().toEpochMilli();
        ModelActivity activity = activity(model, version, s.getWindowStart().toEpochMilli());
        if (s.getRevision() == 0 && s.getPredictionCount() > 0) {
            activity.lastPredictionsWallClock = context.currentSystemTimeMs();
        }
        if (s.getFinal$()) {
            activity.addFinalWindowLabels(version, s.getLabeledCount());
        }
        for (Rule rule : settings.rules().forModel(model)) {
            if (!(rule.condition() instanceof MetricCondition c) || (c.needsLabels() ? !s.getFinal$() : s.getRevision() != 0)) {
                continue;
            }
            for (Map.Entry<String, Double> value : SnapshotMetrics.values(s, c.metric()).entrySet()) {
                String subject = value.getKey().isEmpty() ? null : value.getKey();
                Observation probe = new Observation(model, version, rule, subject, false, windowEnd, rule.severity(), null);
                KeyState state = KeyState.fromBytes(alerts.get(probe.dedupeKey()));
                OptionalDouble baseline = OptionalDouble.empty();
                if (c.isRelative()) {
                    long period = c.baselinePeriod().toMillis();
                    baseline = state.baseline(windowEnd, period);
                    state.addToBaseline(windowEnd, value.getValue(), period);
                } else if (c.isBelowReference()) {
                    baseline = SnapshotMetrics.belowReference(s, c.metric(), c.value());
                }
                boolean violated = c.holds(value.getValue(), baseline);
                Double threshold = c.isRelative() || c.isBelowReference()
                        ? (baseline.isPresent() ? baseline.getAsDouble() : null) : Double.valueOf(c.value());
                Evidence evidence = evidence(s.getWindowStart().toEpochMilli(), windowEnd, c.metric(), subject,
                        value.getValue(), threshold, c.isRelative() ? "vs baseline" : c.isBelowReference() ? "<"
                                : c.comparison().symbol());
                observe(new Observation(model, version, rule, subject, violated, windowEnd, rule.severity(), evidence),
                        state, activity);
            }
        }
        models.put(model, activity.toBytes());
    }

    private void report(DriftReport r) {
        String model = r.getModelId();
        String version = r.getModelVersion();
        long windowStart = r.getWindowStart().toEpochMilli();
        long windowEnd = r.getWindowEnd().toEpochMilli();
        ModelActivity activity = activity(model, version, windowStart);
        r.getConceptDrift().forEach(c -> activity.detectorLabels(version, c.getSamplesTotal()));
        for (Rule rule : settings.rules().forModel(model)) {
            if (!(rule.condition() instanceof DriftCondition d)) {
                continue;
            }
            // A switch expression: a new target that is not handled here does not compile.
            List<Observation> observations = switch (d.target()) {
                case DATASET -> List.of(new Observation(model, version, rule, null, r.getPersistent(), windowEnd,
                        rule.severity(), evidence(windowStart, windowEnd, "drifted_feature_share", null,
                        r.getDriftedFeatureShare(), null, "")));
                case PREDICTION -> outputObservation(model, version, rule, windowStart, windowEnd, r.getPredictionDrift());
                case MULTIVARIATE -> outputObservation(model, version, rule, windowStart, windowEnd, r.getMultivariateDrift());
                case FEATURES -> r.getFeatures().stream().filter(f -> d.watches(f.getFeature()))
                        .map(f -> new Observation(model, version, rule, f.getFeature(),
                                // persistent null: a report written before the field
                                f.getDrifted() && !Boolean.FALSE.equals(f.getPersistent()), windowEnd, rule.severity(),
                                featureEvidence(windowStart, windowEnd, f)))
                        .toList();
                case CONCEPT -> r.getConceptDrift().stream()
                        .map(c -> new Observation(model, version, rule, c.getDetector(), c.getState() != DetectorState.STABLE,
                                windowEnd, c.getState() == DetectorState.DRIFT ? rule.severity() : lower(rule.severity()),
                                detectorEvidence(windowStart, windowEnd, c)))
                        .toList();
            };
            observations.forEach(o -> observe(o, activity));
        }
        models.put(model, activity.toBytes());
    }

    /** The verdict on the model's output or on its numeric features together, when the report has one. */
    private static List<Observation> outputObservation(String model, String version, Rule rule, long windowStart,
                                                       long windowEnd, FeatureDrift verdict) {
        return verdict == null ? List.of() : List.of(new Observation(model, version, rule, verdict.getFeature(),
                verdict.getDrifted(), windowEnd, rule.severity(), featureEvidence(windowStart, windowEnd, verdict)));
    }

    /** The model's activity, with the version recorded; a new version resolves an open retraining trigger. */
    private ModelActivity activity(String model, String version, long windowStart) {
        ModelActivity activity = ModelActivity.fromBytes(models.get(model));
        if (activity.seen(version, windowStart)) {
            triggers.newVersion(activity, version).ifPresent(this::send);
        }
        return activity;
    }

    private void observe(Observation o, ModelActivity activity) {
        observe(o, KeyState.fromBytes(alerts.get(o.dedupeKey())), activity);
    }

    private void observe(Observation o, KeyState state, ModelActivity activity) {
        AlertLifecycle.Transition t = AlertLifecycle.observe(state.lifecycle, o.violated(), o.windowTime(),
                o.rule().lifecycle());
        state.lifecycle = t.next();
        boolean keepsBaseline = o.rule().condition() instanceof MetricCondition m && m.isRelative();
        if (state.lifecycle.phase() == AlertLifecycle.Phase.INACTIVE && !keepsBaseline) {
            alerts.delete(o.dedupeKey());
        } else {
            alerts.put(o.dedupeKey(), state.toBytes());
        }
        t.notification().ifPresent(n -> {
            Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
            boolean silenced = settings.rules().silenced(o.modelId(), o.rule().id(), now);
            metrics.alert(o.modelId(), o.rule().id(), n.resolved(), silenced);
            send(KeyValue.pair(o.dedupeKey(), Alerts.alert(o, n, silenced, now)));
        });
        if (o.version() != null) {
            triggers.consider(o, t, activity, context.currentSystemTimeMs()).ifPresent(this::send);
        }
    }

    /**
     * The rules no event can trigger, on the wall clock: a silent model sends nothing, and the
     * dead-letter rate is a count per interval.
     */
    private void checkOnWallClock(long now) {
        List<KeyValue<String, byte[]>> all = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> iterator = models.all()) {
            iterator.forEachRemaining(all::add);
        }
        for (KeyValue<String, byte[]> entry : all) {
            if (entry.key.equals(DeadLetter.KEY)) {
                checkDeadLetters(DeadLetterCounts.fromBytes(entry.value), now);
                continue;
            }
            ModelActivity activity = ModelActivity.fromBytes(entry.value);
            if (activity.lastPredictionsWallClock == Long.MIN_VALUE) {
                continue;
            }
            for (Rule rule : settings.rules().forModel(entry.key)) {
                if (rule.condition() instanceof SilenceCondition c) {
                    long quiet = now - activity.lastPredictionsWallClock;
                    observe(new Observation(entry.key, null, rule, null, quiet >= c.quietFor().toMillis(), now,
                            rule.severity(), evidence(activity.lastPredictionsWallClock, now, "seconds_without_predictions",
                            null, quiet / 1000.0, c.quietFor().toSeconds() * 1.0, ">=")), activity);
                }
            }
        }
    }

    /** Each processor's dead letters per minute since the last check, against the dead-letter rules of every model. */
    private void checkDeadLetters(DeadLetterCounts counts, long now) {
        double minutes = settings.checkInterval().toMillis() / 60_000.0;
        ModelActivity none = new ModelActivity();
        for (Rule rule : settings.rules().forModel(ALL_MODELS)) {
            if (rule.condition() instanceof DeadLetterCondition c) {
                counts.counts().forEach((processor, count) -> {
                    double rate = count / minutes;
                    observe(new Observation(ALL_MODELS, null, rule, processor, c.threshold().holds(rate, OptionalDouble.empty()),
                            now, rule.severity(), evidence(now - settings.checkInterval().toMillis(), now,
                            DeadLetterCondition.METRIC, processor, rate, c.threshold().value(),
                            c.threshold().comparison().symbol())), none);
                });
            }
        }
        counts.reset();
        models.put(DeadLetter.KEY, counts.toBytes());
    }

    private void send(KeyValue<String, ? extends SpecificRecord> record) {
        context.forward(new Record<>(record.key, record.value, context.currentSystemTimeMs()));
    }

    /**
     * A detector's level as the statistic ({@code detector:ADWIN:DRIFT}), and as the value the
     * sample index where it last reached that level (or its observations when it is stable).
     */
    static Evidence detectorEvidence(long windowStart, long windowEnd, ConceptDriftStatus c) {
        String level = c.getState().name();
        Long at = c.getState() == DetectorState.DRIFT ? c.getLastDriftSample() : c.getLastWarningSample();
        return evidence(windowStart, windowEnd, "detector:" + c.getDetector() + ":" + level, c.getDetector(),
                at != null && c.getState() != DetectorState.STABLE ? at : c.getObservations(), null, "");
    }

    private static Evidence featureEvidence(long windowStart, long windowEnd, FeatureDrift f) {
        if (f.getStatistic() != null) {
            return evidence(windowStart, windowEnd, f.getMethod(), f.getFeature(), f.getStatistic(), f.getThreshold(), ">");
        }
        // A report written before the statistic travelled on its own: a test's p-value, else the effect size.
        boolean test = f.getPValue() != null;
        double value = test ? (f.getAdjustedPValue() != null ? f.getAdjustedPValue() : f.getPValue())
                : f.getStatistics().getOrDefault(f.getMethod(), Double.NaN);
        return evidence(windowStart, windowEnd, test ? f.getMethod() + "_p_value" : f.getMethod(), f.getFeature(), value,
                f.getThreshold(), test ? "<" : ">");
    }

    private static Evidence evidence(long windowStart, long windowEnd, String statistic, String subject, double value,
                                     Double threshold, String comparison) {
        return Evidence.newBuilder().setWindowStart(Instant.ofEpochMilli(windowStart))
                .setWindowEnd(Instant.ofEpochMilli(windowEnd)).setStatistic(statistic).setSubject(subject)
                .setValue(value).setThreshold(threshold).setComparison(comparison).build();
    }

    private static Severity lower(Severity severity) {
        return severity == Severity.CRITICAL ? Severity.WARNING : Severity.INFO;
    }
}
