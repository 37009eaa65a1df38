package io.driftwatch.client;

import io.driftwatch.schemas.registry.RegistryUnavailableException;
import io.driftwatch.schemas.serde.AvroSerializer;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the two loggers share: {@link #log} puts an event in a bounded in-memory buffer and returns
 * at once (a full buffer drops the event and counts it); one background thread serializes each
 * event (the registry's outages are waited out there, the event kept) and hands it to an
 * idempotent producer, keyed by prediction id with Java's partitioner, so that a prediction and
 * its ground truth share a partition number and a retried send is never written twice. Events
 * are sampled by prediction id, the same way in both loggers, so that a label follows its prediction.
 */
abstract class EventLogger<T extends SpecificRecord> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventLogger.class);
    private static final long MAX_RETRY_WAIT_MS = 5_000;

    private final String topic;
    private final Function<T, String> key;
    private final double sampleRate;
    private final BlockingQueue<T> buffer;
    private final AvroSerializer<T> serializer = new AvroSerializer<>();
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Counter droppedMeter;
    private final Thread sender;
    private volatile boolean closing;

    EventLogger(LoggerSettings settings, String baseTopic, Function<T, String> key, String kind) {
        TrustedAvroPackages.trustEvents();
        this.topic = settings.topicPrefix() + baseTopic;
        this.key = key;
        this.sampleRate = settings.sampleRate();
        this.buffer = new ArrayBlockingQueue<>(settings.bufferCapacity());
        Map<String, Object> props = new HashMap<>(settings.kafka());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        serializer.configure(Map.of("schema.registry.url", settings.registryUrl()), false);
        this.droppedMeter = settings.meters() == null ? null : Counter.builder("driftwatch.client.dropped")
                .description("Events the logger dropped because its buffer was full").tag("kind", kind)
                .register(settings.meters());
        this.sender = new Thread(this::send, "driftwatch-client-" + kind);
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * Buffers a complete event for sending; never blocks, never throws.
     *
     * @return true when buffered; false when sampled out, or dropped and counted (buffer full, logger closed)
     */
    public boolean log(T event) {
        if (!Sampling.keeps(key.apply(event), sampleRate)) {
            return false;
        }
        if (!closing && buffer.offer(event)) {
            return true;
        }
        dropped.incrementAndGet();
        if (droppedMeter != null) {
            droppedMeter.increment();
        }
        return false;
    }

    /** Events dropped because the buffer was full (or the logger closed). */
    public long dropped() {
        return dropped.get();
    }

    /** An event the caller left incomplete: counted as failed, never thrown at the serving thread. */
    void invalid() {
        failed.incrementAndGet();
    }

    /** Events that could not be sent: incomplete, unserializable, or given up on by the producer. */
    public long failed() {
        return failed.get();
    }

    private void send() {
        T pending = null;
        long retryWait = 100;
        while (!closing || pending != null || !buffer.isEmpty()) {
            try {
                T event = pending != null ? pending : buffer.poll(100, TimeUnit.MILLISECONDS);
                if (event == null) {
                    continue;
                }
                byte[] bytes;
                try {
                    bytes = serializer.serialize(topic, event);
                } catch (RegistryUnavailableException e) {
                    pending = event; // kept: the registry's outage is waited out here, never on the serving thread
                    LOG.warn("driftwatch client: schema registry unavailable; retrying in {} ms", retryWait);
                    Thread.sleep(retryWait);
                    retryWait = Math.min(2 * retryWait, MAX_RETRY_WAIT_MS);
                    continue;
                }
                pending = null;
                retryWait = 100;
                producer.send(new ProducerRecord<>(topic, key.apply(event), bytes), (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    }
                });
            } catch (InterruptedException e) {
                if (pending != null) {
                    dropped.incrementAndGet(); // closed while the registry was away: counted, not lost silently
                }
                return;
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                pending = null;
                LOG.warn("driftwatch client: an event could not be sent ({})", e.getClass().getSimpleName());
            }
        }
    }

    /** Sends what is buffered, waiting at most {@code deadline} in all; what is left then is dropped. */
    public void close(Duration deadline) {
        long until = System.nanoTime() + deadline.toNanos();
        closing = true;
        try {
            sender.join(Math.max(1, deadline.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
        try {
            sender.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dropped.addAndGet(buffer.size());
        buffer.clear();
        producer.close(Duration.ofNanos(Math.max(0, until - System.nanoTime())));
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
