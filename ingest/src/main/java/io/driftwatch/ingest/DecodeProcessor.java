package io.driftwatch.ingest;

import io.driftwatch.ingest.validation.EventLimits;
import io.driftwatch.ingest.validation.Rejection;
import io.driftwatch.runtime.deadletter.DeadLetterDeserializationHandler;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Reads an input record's bytes into its event, keeping the bytes and position for a possible
 * dead letter. A value over the size limit is not even decoded; it and unreadable bytes are
 * marked rejected (with the reason) and flow on to the dead-letter output; a transient failure (registry outage) is thrown, so that the stream
 * thread is replaced and the record read again, never dead-lettered. The output key is the
 * prediction id.
 */
final class DecodeProcessor implements Processor<byte[], byte[], String, Inbound> {

    private final Inbound.Stream stream;
    private final Deserializer<? extends SpecificRecord> deserializer;
    private final IngestMetrics metrics;
    private final EventLimits limits;
    private final boolean rekeyed;
    private ProcessorContext<String, Inbound> context;

    /** @param rekeyed true for the copy that reads the re-key topic: its records were counted already */
    DecodeProcessor(Inbound.Stream stream, Deserializer<? extends SpecificRecord> deserializer, IngestMetrics metrics,
                    EventLimits limits, boolean rekeyed) {
        this.stream = stream;
        this.deserializer = deserializer;
        this.metrics = metrics;
        this.limits = limits;
        this.rekeyed = rekeyed;
    }

    @Override
    public void init(ProcessorContext<String, Inbound> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata read = context.recordMetadata().orElseThrow();
        RekeyProcessor.Position source = rekeyed ? RekeyProcessor.take(record.headers()) : null;
        if (source == null) {
            source = new RekeyProcessor.Position(read.topic(), read.partition(), read.offset());
        }
        if (!rekeyed) {
            metrics.recordIn(stream);
        }
        if (record.value() == null) {
            reject(record, source, "missing-value", "the record has no value (a tombstone)", null);
            return;
        }
        Optional<Rejection> tooLarge = limits.checkSize(record.value().length);
        if (tooLarge.isPresent()) {
            reject(record, source, tooLarge.get().code(), tooLarge.get().message(), null);
            return;
        }
        SpecificRecord event;
        try {
            event = deserializer.deserialize(source.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            if (DeadLetterDeserializationHandler.isTransient(e)) {
                throw e;
            }
            reject(record, source, DeadLetterDeserializationHandler.reasonOf(e), e.getMessage(), e);
            return;
        }
        Inbound decoded = new Inbound(stream, event, record.key(), record.value(), source.topic(), source.partition(),
                source.offset(), null);
        if (decoded.needsRekey()) {
            metrics.rekeyed(stream);
        }
        context.forward(record.withKey(decoded.predictionId()).withValue(decoded));
    }

    /** Passes an unreadable record on, marked rejected, to the dead-letter output. */
    private void reject(Record<byte[], byte[]> record, RekeyProcessor.Position source, String reason, String message,
                        Throwable error) {
        context.forward(record.withKey((String) null).withValue(new Inbound(stream, null, record.key(), record.value(),
                source.topic(), source.partition(), source.offset(), new Inbound.Rejected(reason, message, error))));
    }
}
