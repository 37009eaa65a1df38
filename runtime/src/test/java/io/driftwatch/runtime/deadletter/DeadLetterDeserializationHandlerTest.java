package io.driftwatch.runtime.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.schemas.registry.RegistryUnavailableException;
import io.driftwatch.schemas.serde.PoisonPillException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Response;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Result;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadLetterDeserializationHandlerTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
    private final ConsumerRecord<byte[], byte[]> record =
            new ConsumerRecord<>("driftwatch.predictions.v1", 3, 1234L, new byte[]{'k'}, new byte[]{1, 2, 3});

    @BeforeEach
    void configure() {
        handler.configure(Map.of(DeadLetterDeserializationHandler.TOPIC_CONFIG, "driftwatch.dead-letter.v1",
                DeadLetterDeserializationHandler.PROCESSOR_CONFIG, "ingest",
                DeadLetterDeserializationHandler.METER_REGISTRY_CONFIG, meters));
    }

    @Test
    void shouldDeadLetterPoisonPillWithOriginalBytesAndReasonHeaders() {
        PoisonPillException poison = new PoisonPillException(PoisonPillException.Reason.BAD_MAGIC_BYTE, "first byte 0x01", null);

        Response response = handler.handleError(null, record, poison);

        assertThat(response.result()).isEqualTo(Result.RESUME);
        ProducerRecord<byte[], byte[]> letter = response.deadLetterQueueRecords().get(0);
        assertThat(letter.topic()).isEqualTo("driftwatch.dead-letter.v1");
        assertThat(letter.key()).isEqualTo(record.key());
        assertThat(letter.value()).isEqualTo(record.value());
        assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.REASON)).isEqualTo("bad-magic-byte");
        assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("3");
        assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1234");
        assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.PROCESSOR)).isEqualTo("ingest");
        assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.ERROR_CLASS))
                .isEqualTo(PoisonPillException.class.getName());
        assertThat(meters.get("driftwatch.dead.letters").tag("reason", "bad-magic-byte").counter().count()).isEqualTo(1.0);
    }

    @Test
    void shouldFailNotDeadLetterWhenRegistryIsUnavailable() {
        Exception outage = new StreamsException(new RegistryUnavailableException("down", new ConnectException()));

        Response response = handler.handleError(null, record, outage);

        assertThat(response.result()).isEqualTo(Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(meters.find("driftwatch.dead.letters").counters()).isEmpty();
    }
}
