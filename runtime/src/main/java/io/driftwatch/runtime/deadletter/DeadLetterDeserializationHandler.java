package io.driftwatch.runtime.deadletter;

import io.driftwatch.schemas.serde.PoisonPillException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that can never be read to the dead-letter topic and carries on; stops the task
 * on anything transient (a registry outage), so the record is retried, never dead-lettered.
 * The dead-letter record is produced by Kafka Streams itself (KIP-1034), inside the same
 * transaction under exactly-once: the input offset and the dead letter commit together.
 */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    /** Streams config key: the dead-letter topic's full name. */
    public static final String TOPIC_CONFIG = "driftwatch.dead-letter.topic";
    /** Streams config key: the processor's name, written to the {@code processor} header. */
    public static final String PROCESSOR_CONFIG = "driftwatch.processor";
    /** Streams config key: the {@link MeterRegistry} to count dead letters in (an object, not a string). */
    public static final String METER_REGISTRY_CONFIG = "driftwatch.meter-registry";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private String topic;
    private String processor;
    private MeterRegistry meters;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topicName = configs.get(TOPIC_CONFIG);
        if (topicName == null) {
            throw new ConfigException(TOPIC_CONFIG, null, "is required");
        }
        this.topic = topicName.toString();
        Object processorName = configs.get(PROCESSOR_CONFIG);
        this.processor = processorName == null ? "unknown" : processorName.toString();
        Object registry = configs.get(METER_REGISTRY_CONFIG);
        this.meters = registry instanceof MeterRegistry r ? r : Metrics.globalRegistry;
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (isTransient(exception)) {
            Counter.builder("driftwatch.deserialization.retries")
                    .description("Records whose reading failed transiently (e.g. registry outage) and will be retried")
                    .tags("processor", processor, "topic", record.topic())
                    .register(meters)
                    .increment();
            log.warn("{}: transient error reading {}-{}@{}, the task stops and the record will be retried: {}",
                    processor, record.topic(), record.partition(), record.offset(), exception.toString());
            return Response.fail();
        }
        String reason = reasonOf(exception);
        Counter.builder("driftwatch.dead.letters")
                .description("Records sent to the dead-letter topic")
                .tags("processor", processor, "reason", reason, "topic", record.topic())
                .register(meters)
                .increment();
        // Position and reason only: the payload never reaches the log.
        log.warn("{}: dead-lettering {}-{}@{}: {}", processor, record.topic(), record.partition(), record.offset(), reason);
        // Keep the original timestamp; a record without one (-1) gets the broker's.
        Long timestamp = record.timestamp() >= 0 ? record.timestamp() : null;
        ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(topic, null, timestamp,
                record.key(), record.value(), DeadLetterHeaders.of(record.headers(), record.topic(),
                record.partition(), record.offset(), processor, reason, exception, exception.getMessage()));
        return Response.resume(List.of(deadLetter));
    }

    /**
     * A cause chain holding a retriable error (registry outage, timeout) is transient, unless the
     * record itself is unreadable. The runner's uncaught-exception policy uses the same test.
     */
    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof PoisonPillException) {
                return false;
            }
            if (t instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    /** The dead-letter reason of an unreadable record: the poison pill's kind in kebab case, e.g. {@code unknown-schema-id}. */
    public static String reasonOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof PoisonPillException poison) {
                return DeadLetterHeaders.reason(poison.reason());
            }
        }
        return error instanceof SerializationException ? "undeserializable" : DeadLetterHeaders.reason(error.getClass().getSimpleName());
    }
}
