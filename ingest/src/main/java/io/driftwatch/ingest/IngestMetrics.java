package io.driftwatch.ingest;

import io.driftwatch.events.QualityIssue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ingest's Micrometer meters. Tags are bounded: stream, reason, quality kind, and model and
 * feature names, each capped at {@link #MAX_TAG_VALUES} distinct values (the rest count as
 * {@code _other}), so that a producer sending random ids cannot explode the registry.
 * Meters are cached: looking one up per record would cost more than the record's processing.
 */
final class IngestMetrics {

    static final String PROCESSOR = "ingest";
    static final int MAX_TAG_VALUES = 1_000;
    private static final String OTHER = "_other";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> delays = new ConcurrentHashMap<>();
    private final Set<String> models = ConcurrentHashMap.newKeySet();
    private final Set<String> features = ConcurrentHashMap.newKeySet();
    private final Map<Object, Long> pendingByTask = new ConcurrentHashMap<>();

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("driftwatch.ingest.pending.joins", pendingByTask,
                        m -> m.values().stream().mapToLong(Long::longValue).sum())
                .description("Join entries held: predictions waiting for a label, labels waiting for a prediction, "
                        + "and joined ids remembered for deduplication")
                .register(registry);
    }

    void recordIn(Inbound.Stream stream) {
        counter("driftwatch.ingest.records.in", "Records read by ingest", "stream", stream.tag).increment();
    }

    void validated(String model, List<QualityIssue> issues) {
        String modelTag = bounded(models, model);
        counter("driftwatch.ingest.records.out", "Records written by ingest", "output", "validated", "model", modelTag)
                .increment();
        for (QualityIssue issue : issues) {
            counter("driftwatch.ingest.quality.issues", "Data-quality problems found, per model, feature and kind",
                    "model", modelTag, "feature", bounded(features, issue.getFeature()),
                    "kind", issue.getKind().name()).increment();
        }
    }

    void labeled(String model, long delayMs, boolean correction) {
        String modelTag = bounded(models, model);
        counter("driftwatch.ingest.records.out", "Records written by ingest", "output", "labeled", "model", modelTag)
                .increment();
        if (correction) {
            counter("driftwatch.ingest.corrections", "Ground truths that corrected an earlier one", "model", modelTag)
                    .increment();
        }
        delays.computeIfAbsent(modelTag, m -> DistributionSummary.builder("driftwatch.ingest.label.delay")
                        .description("Ground-truth event time minus prediction event time")
                        .baseUnit("milliseconds").tags("model", m)
                        .publishPercentiles(0.5, 0.95, 0.99)
                        .register(registry))
                .record(Math.max(0, delayMs));
    }

    /** Same meter as the runtime's deserialization handler, so that one query sees every dead letter. */
    void deadLettered(String reason, String sourceTopic) {
        counter("driftwatch.dead.letters", "Records sent to the dead-letter topic",
                "processor", PROCESSOR, "reason", reason, "topic", sourceTopic).increment();
    }

    void duplicate(Inbound.Stream stream, String model) {
        counter("driftwatch.ingest.duplicates", "Records dropped because their prediction id was seen within the horizon",
                "stream", stream.tag, "model", bounded(models, model)).increment();
    }

    void rekeyed(Inbound.Stream stream) {
        counter("driftwatch.ingest.rekeyed", "Records whose key was not their prediction id and were re-keyed",
                "stream", stream.tag).increment();
    }

    void lateLabel(String model) {
        counter("driftwatch.ingest.late.labels", "Ground truths that arrived after their prediction's label horizon",
                "model", bounded(models, model)).increment();
    }

    void unmatchedLabel(String model) {
        counter("driftwatch.ingest.unmatched.labels", "Ground truths whose prediction never arrived within the grace",
                "model", bounded(models, model)).increment();
    }

    void expiredUnlabelled(String model) {
        counter("driftwatch.ingest.expired.predictions",
                "Predictions whose label horizon passed without a ground truth (they lower label coverage)",
                "model", bounded(models, model)).increment();
    }

    void pendingJoins(Object task, long entries) {
        pendingByTask.put(task, entries);
    }

    private Counter counter(String name, String description, String... tags) {
        String key = name + String.join("\u0000", tags);
        Counter counter = counters.get(key);
        if (counter == null) {
            counter = counters.computeIfAbsent(key, k -> Counter.builder(name).description(description).tags(tags)
                    .register(registry));
        }
        return counter;
    }

    private static String bounded(Set<String> seen, String value) {
        if (seen.contains(value)) {
            return value;
        }
        if (seen.size() >= MAX_TAG_VALUES) {
            return OTHER;
        }
        seen.add(value);
        return value;
    }
}
