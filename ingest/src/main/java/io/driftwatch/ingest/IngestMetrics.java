package io.driftwatch.ingest;

import io.driftwatch.events.QualityIssue;
import io.driftwatch.runtime.metrics.Meters;
import io.driftwatch.runtime.metrics.PerModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ingest's Micrometer meters. Tags are bounded: stream, reason, quality kind, and model and
 * feature names, each capped by {@link Meters#bounded}.
 */
final class IngestMetrics {

    static final String PROCESSOR = "ingest";

    private final Meters meters;
    private final PerModel<ModelMeters> models;
    private final Map<Inbound.Stream, Counter> recordsIn = new EnumMap<>(Inbound.Stream.class);
    private final Map<Object, Long> pendingByTask = new ConcurrentHashMap<>();

    /** The meters every validated or labelled record of one model counts in. */
    private record ModelMeters(Counter validated, Counter labeled, Counter corrections, DistributionSummary delay) {
    }

    IngestMetrics(MeterRegistry registry) {
        this.meters = new Meters(registry);
        this.models = new PerModel<>(meters, model -> new ModelMeters(
                counter("driftwatch.ingest.records.out", "Records written by ingest", "output", "validated", "model", model),
                counter("driftwatch.ingest.records.out", "Records written by ingest", "output", "labeled", "model", model),
                counter("driftwatch.ingest.corrections", "Ground truths that corrected an earlier one", "model", model),
                DistributionSummary.builder("driftwatch.ingest.label.delay")
                        .description("Ground-truth event time minus prediction event time")
                        .baseUnit("milliseconds").tags("model", model)
                        .publishPercentiles(0.5, 0.95, 0.99)
                        .register(registry)));
        for (Inbound.Stream stream : Inbound.Stream.values()) {
            recordsIn.put(stream, counter("driftwatch.ingest.records.in", "Records read by ingest", "stream", stream.tag));
        }
        Gauge.builder("driftwatch.ingest.pending.joins", pendingByTask,
                        m -> m.values().stream().mapToLong(Long::longValue).sum())
                .description("Join entries held: predictions waiting for a label, labels waiting for a prediction, "
                        + "and joined ids remembered for deduplication")
                .register(registry);
    }

    void recordIn(Inbound.Stream stream) {
        recordsIn.get(stream).increment();
    }

    void validated(String model, List<QualityIssue> issues) {
        models.of(model).validated().increment();
        if (issues.isEmpty()) {
            return;
        }
        String modelTag = bounded("model", model);
        for (QualityIssue issue : issues) {
            counter("driftwatch.ingest.quality.issues", "Data-quality problems found, per model, feature and kind",
                    "model", modelTag, "feature", bounded("feature", issue.getFeature()),
                    "kind", issue.getKind().name()).increment();
        }
    }

    void labeled(String model, long delayMs, boolean correction) {
        ModelMeters meters = models.of(model);
        meters.labeled().increment();
        if (correction) {
            meters.corrections().increment();
        }
        meters.delay().record(Math.max(0, delayMs));
    }

    /** Same meter as the runtime's deserialization handler, so that one query sees every dead letter. */
    void deadLettered(String reason, String sourceTopic) {
        counter("driftwatch.dead.letters", "Records sent to the dead-letter topic",
                "processor", PROCESSOR, "reason", reason, "topic", sourceTopic).increment();
    }

    /** An event refused by validation, per model (null: a model id the limits refuse) and reason. */
    void rejected(String model, String reason) {
        counter("driftwatch.ingest.rejected", "Events dead-lettered by validation, per model and reason",
                "model", model == null ? "(invalid)" : bounded("model", model), "reason", reason).increment();
    }

    void duplicate(Inbound.Stream stream, String model) {
        counter("driftwatch.ingest.duplicates", "Records dropped because their prediction id was seen within the horizon",
                "stream", stream.tag, "model", bounded("model", model)).increment();
    }

    void rekeyed(Inbound.Stream stream) {
        counter("driftwatch.ingest.rekeyed", "Records whose key was not their prediction id and were re-keyed",
                "stream", stream.tag).increment();
    }

    void lateLabel(String model) {
        counter("driftwatch.ingest.late.labels", "Ground truths that arrived after their prediction's label horizon",
                "model", bounded("model", model)).increment();
    }

    void unmatchedLabel(String model) {
        counter("driftwatch.ingest.unmatched.labels", "Ground truths whose prediction never arrived within the grace",
                "model", bounded("model", model)).increment();
    }

    void expiredUnlabelled(String model) {
        counter("driftwatch.ingest.expired.predictions",
                "Predictions whose label horizon passed without a ground truth (they lower label coverage)",
                "model", bounded("model", model)).increment();
    }

    void pendingJoins(Object task, long entries) {
        pendingByTask.put(task, entries);
    }

    private Counter counter(String name, String description, String... tags) {
        return meters.counter(name, description, tags);
    }

    private String bounded(String kind, String value) {
        return meters.bounded(kind, value);
    }
}
