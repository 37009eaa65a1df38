package io.driftwatch.ingest;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.ingest.config.IngestSettings;
import io.driftwatch.ingest.join.ExpiryKey;
import io.driftwatch.ingest.join.JoinEntry;
import io.driftwatch.ingest.join.PendingLabel;
import io.driftwatch.runtime.deadletter.DeadLetterHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Deduplicates and joins predictions with their ground truth by prediction id, in key-value
 * state with a time-to-live instead of a days-long join window:
 *
 * <ul>
 *   <li>a prediction waits for its label until its event time plus the label horizon;</li>
 *   <li>a label that comes first waits for its prediction for the early-label grace;</li>
 *   <li>once joined, the id is remembered until the horizon, so a repeat is a duplicate (or,
 *       with corrections on, a ground truth that corrects the earlier one).</li>
 * </ul>
 *
 * Time is event time: the task's clock is the latest event time it has read, so a replay
 * expires exactly as live traffic would. A wall-clock punctuation scans the expiry index (keys
 * ordered by deadline) for entries whose deadline the clock has passed: an unlabelled prediction
 * is counted as expired, a label without prediction is dead-lettered as unmatched.
 *
 * <p>During a fast catch-up the clock races hours ahead within seconds, while a partner may still
 * be in flight through the re-key topic or on a lagging partition. So an entry also has to have
 * been held for the in-flight allowance of wall-clock time (recorded in the index value); the
 * scan stops at the first entry that has not, which can delay expiries by at most the allowance.
 */
final class LabelJoinProcessor implements Processor<String, Inbound, byte[], Outbound> {

    static final String UNMATCHED = "unmatched-ground-truth";
    static final String LATE = "late-ground-truth";
    /** Entries expired per scan at most, so that a long backlog never stalls the task in one punctuation. */
    static final int MAX_EXPIRIES_PER_SCAN = 50_000;

    private final IngestSettings settings;
    private final Emits emits;
    private final Stores stores;
    private final OutputEncoder outputs;
    private final Deserializer<GroundTruthEvent> pendingGroundTruth;
    private final IngestMetrics metrics;
    private ProcessorContext<byte[], Outbound> context;
    private KeyValueStore<String, byte[]> entries;
    private KeyValueStore<Bytes, byte[]> expiryIndex;
    /**
     * The latest event time read by this task; not persisted: after a restart, or a revival of the
     * task on this processor, it starts over, which only delays expiry.
     */
    private long clock;

    /** Names of the two stores. */
    record Stores(String entries, String expiryIndex) {
    }

    /**
     * What the join emits for each validated and labelled prediction.
     *
     * @param topics the outputs serialized for their topics
     * @param events the events themselves, for processors behind ingest in the same topology
     */
    record Emits(IngestSettings.Outputs topics, boolean events) {
    }

    LabelJoinProcessor(IngestSettings settings, Emits emits, Stores stores, OutputEncoder outputs,
                       Deserializer<GroundTruthEvent> pendingGroundTruth, IngestMetrics metrics) {
        this.settings = settings;
        this.emits = emits;
        this.stores = stores;
        this.outputs = outputs;
        this.pendingGroundTruth = pendingGroundTruth;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], Outbound> context) {
        this.context = context;
        this.entries = context.getStateStore(stores.entries());
        this.expiryIndex = context.getStateStore(stores.expiryIndex());
        clock = Long.MIN_VALUE;
        context.schedule(settings.expiryScanInterval(), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, Inbound> record) {
        Inbound in = record.value();
        if (in.rejected() != null) {
            Inbound.Rejected r = in.rejected();
            deadLetter(record.timestamp(), record.headers(), in.rawKey(), in.rawValue(), in.sourceTopic(),
                    in.sourcePartition(), in.sourceOffset(), r.reason(), r.message(), r.error());
            return;
        }
        clock = Math.max(clock, in.eventTimeMs());
        if (in.stream() == Inbound.Stream.PREDICTION) {
            onPrediction(record, in);
        } else {
            onGroundTruth(record, in);
        }
    }

    private void onPrediction(Record<String, Inbound> record, Inbound in) {
        PredictionEvent prediction = in.prediction();
        String id = prediction.getPredictionId();
        String model = prediction.getModelId();
        byte[] stored = entries.get(id);
        JoinEntry entry = stored == null ? null : JoinEntry.fromBytes(stored);
        if (entry != null && entry.predictionSeen()) {
            metrics.duplicate(Inbound.Stream.PREDICTION, model);
            return;
        }
        byte[] bytes = outputs.validated(prediction, in.rawValue());
        long eventTime = in.eventTimeMs();
        emit(record, id, eventTime, new Outbound(Outbound.Destination.VALIDATED, emits.topics().validated() ? bytes : null,
                emits.events() ? prediction : null));
        metrics.validated(model, prediction.getQualityIssues());

        long horizon = settings.catalogue().model(model).labelHorizon().toMillis();
        boolean corrections = settings.groundTruthCorrections(model);
        long deadline = eventTime + horizon;
        JoinEntry next = JoinEntry.waitingPrediction(deadline, model, eventTime, bytes);
        if (entry != null && entry.waitsForPrediction()) {
            PendingLabel label = entry.pending();
            if (label.eventTimeMs() - eventTime > horizon) {
                lateLabel(null, id, model, label);
            } else {
                GroundTruthEvent truth = pendingGroundTruth.deserialize(label.sourceTopic(), label.value());
                labeled(record, id, model, eventTime, bytes, prediction, truth, false);
                next = JoinEntry.joined(deadline, model, eventTime, corrections ? bytes : null);
            }
        }
        entries.put(id, next.toBytes());
        index(deadline, id);
    }

    private void onGroundTruth(Record<String, Inbound> record, Inbound in) {
        GroundTruthEvent truth = in.groundTruth();
        String id = truth.getPredictionId();
        byte[] stored = entries.get(id);
        if (stored == null) {
            long deadline = clock + settings.earlyLabelGrace().toMillis();
            PendingLabel label = new PendingLabel(in.rawValue(), in.sourceTopic(), in.sourcePartition(),
                    in.sourceOffset(), in.eventTimeMs());
            entries.put(id, JoinEntry.waitingLabel(deadline, truth.getModelId(), label).toBytes());
            index(deadline, id);
            return;
        }
        JoinEntry entry = JoinEntry.fromBytes(stored);
        String model = entry.modelId();
        boolean corrections = settings.groundTruthCorrections(model);
        boolean withinHorizon = in.eventTimeMs() - entry.predictionEventTimeMs()
                <= settings.catalogue().model(model).labelHorizon().toMillis();
        if (entry.waitsForLabel()) {
            if (!withinHorizon) {
                lateLabel(record.headers(), id, model, new PendingLabel(in.rawValue(), in.sourceTopic(),
                        in.sourcePartition(), in.sourceOffset(), in.eventTimeMs()));
                return;
            }
            labeled(record, id, model, entry.predictionEventTimeMs(), entry.prediction(), null, truth, false);
            entries.put(id, JoinEntry.joined(entry.deadline(), model, entry.predictionEventTimeMs(),
                    corrections ? entry.prediction() : null).toBytes());
        } else if (entry.labelled() && corrections && entry.prediction() != null && withinHorizon) {
            labeled(record, id, model, entry.predictionEventTimeMs(), entry.prediction(), null, truth, true);
        } else {
            metrics.duplicate(Inbound.Stream.GROUND_TRUTH, entry.predictionSeen() ? model : truth.getModelId());
        }
    }

    /**
     * @param predictionBytes the validated prediction's bytes, as written to the validated topic
     * @param prediction      the validated prediction, or null to read it from its bytes if needed
     */
    private void labeled(Record<String, Inbound> record, String id, String model, long predictionEventTimeMs,
                         byte[] predictionBytes, PredictionEvent prediction, GroundTruthEvent truth, boolean correction) {
        long delay = truth.getEventTime().toEpochMilli() - predictionEventTimeMs;
        byte[] bytes = emits.topics().labeled() ? outputs.labeled(predictionBytes, truth, delay, correction) : null;
        LabeledPrediction event = !emits.events() ? null : new LabeledPrediction(
                prediction != null ? prediction : outputs.prediction(predictionBytes), truth, delay, correction);
        emit(record, id, record.timestamp(), new Outbound(Outbound.Destination.LABELED, bytes, event));
        metrics.labeled(model, delay, correction);
    }

    /** @param headers the label's own headers, or null when it was stored without them */
    private void lateLabel(Headers headers, String id, String model, PendingLabel label) {
        metrics.lateLabel(model);
        deadLetter(label.eventTimeMs(), headers, id.getBytes(StandardCharsets.UTF_8), label.value(), label.sourceTopic(),
                label.sourcePartition(), label.sourceOffset(), LATE,
                "the ground truth arrived after its prediction's label horizon", null);
    }

    /** Indexes an entry under its deadline; the value is the wall-clock time it was written. */
    private void index(long deadline, String id) {
        byte[] heldSince = ByteBuffer.allocate(8).putLong(context.currentSystemTimeMs()).array();
        expiryIndex.put(Bytes.wrap(new ExpiryKey(deadline, id).toBytes()), heldSince);
    }

    /** Expires what the clock has passed: unlabelled predictions are counted, waiting labels dead-lettered. */
    private void expire(long wallClock) {
        if (clock != Long.MIN_VALUE) {
            long heldLongEnough = wallClock - settings.inFlightAllowance().toMillis();
            List<KeyValue<Bytes, byte[]>> due = new ArrayList<>();
            try (KeyValueIterator<Bytes, byte[]> it = expiryIndex.range(Bytes.wrap(ExpiryKey.first()),
                    Bytes.wrap(ExpiryKey.dueBefore(clock)))) {
                while (it.hasNext() && due.size() < MAX_EXPIRIES_PER_SCAN) {
                    KeyValue<Bytes, byte[]> indexed = it.next();
                    if (ByteBuffer.wrap(indexed.value).getLong() > heldLongEnough) {
                        break;
                    }
                    due.add(indexed);
                }
            }
            for (KeyValue<Bytes, byte[]> indexed : due) {
                expiryIndex.delete(indexed.key);
                ExpiryKey key = ExpiryKey.fromBytes(indexed.key.get());
                byte[] stored = entries.get(key.predictionId());
                JoinEntry entry = stored == null ? null : JoinEntry.fromBytes(stored);
                if (entry == null || entry.deadline() != key.deadline()) {
                    continue; // superseded: the entry moved to a later deadline
                }
                entries.delete(key.predictionId());
                if (entry.waitsForLabel()) {
                    metrics.expiredUnlabelled(entry.modelId());
                } else if (entry.waitsForPrediction()) {
                    PendingLabel label = entry.pending();
                    metrics.unmatchedLabel(entry.modelId());
                    deadLetter(label.eventTimeMs(), null, key.predictionId().getBytes(StandardCharsets.UTF_8),
                            label.value(), label.sourceTopic(), label.sourcePartition(), label.sourceOffset(), UNMATCHED,
                            "no prediction with this id arrived within the early-label grace", null);
                }
            }
        }
        metrics.pendingJoins(context.taskId(), entries.approximateNumEntries());
    }

    private void emit(Record<String, Inbound> record, String id, long timestamp, Outbound out) {
        context.forward(new Record<>(id.getBytes(StandardCharsets.UTF_8), out, timestamp, record.headers()));
    }

    private void deadLetter(long timestamp, Headers original, byte[] key, byte[] value, String topic, int partition,
                            long offset, String reason, String message, Throwable error) {
        metrics.deadLettered(reason, topic);
        Headers headers = DeadLetterHeaders.of(original, topic, partition, offset, IngestMetrics.PROCESSOR, reason,
                error, message);
        context.forward(new Record<>(key, Outbound.deadLetter(value), timestamp, headers));
    }
}
