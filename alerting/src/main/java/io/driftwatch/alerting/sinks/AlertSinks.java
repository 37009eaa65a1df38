package io.driftwatch.alerting.sinks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.events.Alert;
import io.driftwatch.runtime.metrics.Meters;
import io.driftwatch.runtime.streams.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers committed alerts from the alerts topic to the configured webhooks, on its own thread
 * and consumer group: a slow or failing sink never blocks the alerting processor, and an alert is
 * on the topic whatever happens to its delivery. Each alert is tried up to {@code max-attempts}
 * times per sink with doubling backoff; then the failure is counted
 * ({@code driftwatch.alerting.sink.failures}) and delivery moves on. Silenced alerts are not sent.
 */
public final class AlertSinks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertSinks.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SinkSettings settings;
    private final KafkaConsumer<String, Alert> consumer;
    private final String topic;
    private final Meters meters;
    private final HttpClient http;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String problem;

    /**
     * @param kafka   Kafka client properties (bootstrap servers, security)
     * @param groupId the consumer group that remembers which alerts were delivered
     */
    public AlertSinks(SinkSettings settings, Map<String, Object> kafka, String groupId, String topic,
                      Deserializer<Alert> deserializer, MeterRegistry registry) {
        this.settings = settings;
        this.topic = topic;
        this.meters = new Meters(registry);
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + UUID.randomUUID().toString().substring(0, 8));
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), deserializer);
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.thread = new Thread(this::run, "driftwatch-alert-sinks");
        this.thread.setDaemon(true);
    }

    public AlertSinks start() {
        thread.start();
        return this;
    }

    /**
     * Delivers until closed. A failure to read or commit (the registry or the cluster away) is waited
     * out with backoff, one WARN line per step, and read again from the last commit: an alert is
     * delivered late, never skipped.
     */
    private void run() {
        Backoff backoff = new Backoff();
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                try {
                    for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(500))) {
                        if (record.value() != null && !record.value().getSilenced()) {
                            deliver(record.value());
                        }
                    }
                    consumer.commitSync();
                    problem = null;
                    backoff.reset();
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    problem = "retrying";
                    Duration wait = backoff.next();
                    LOG.warn("alert delivery cannot read the alerts ({}); retrying in {} s", e.getClass().getSimpleName(),
                            wait.toSeconds());
                    if (!Backoff.sleep(wait)) {
                        return;
                    }
                    seekToCommitted();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    /** Back to the last commit on every assigned partition, so that nothing read but not delivered is skipped. */
    private void seekToCommitted() {
        try {
            consumer.committed(consumer.assignment()).forEach((partition, offset) -> {
                if (offset != null) {
                    consumer.seek(partition, offset);
                }
            });
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            // the cluster still away: the next poll fails again and waits longer
        }
    }

    /** What keeps delivery from reading ("retrying"), or null while it reads. */
    public String problem() {
        return problem;
    }

    private void deliver(Alert alert) {
        settings.alertmanager().ifPresent(url -> send("alertmanager", url.resolve("/api/v2/alerts"),
                a -> List.of(AlertPayloads.alertmanager(a)), alert));
        settings.webhook().ifPresent(url -> send("webhook", url, AlertPayloads::json, alert));
    }

    private void send(String sink, URI url, Function<Alert, Object> payload, Alert alert) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(payload.apply(alert));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the " + sink + " payload", e);
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(settings.timeout())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long backoff = settings.backoff().toMillis();
        String failure = "";
        for (int attempt = 1; attempt <= settings.maxAttempts() && running; attempt++) {
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    meters.counter("driftwatch.alerting.sink.deliveries", "Alerts delivered to a sink", "sink", sink)
                            .increment();
                    return;
                }
                failure = "HTTP " + status;
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt < settings.maxAttempts()) {
                sleep(backoff);
                backoff *= 2;
            }
        }
        meters.counter("driftwatch.alerting.sink.failures",
                "Alerts a sink did not accept after every attempt (they are still on the alerts topic)", "sink", sink)
                .increment();
        LOG.warn("{} did not accept alert {} after {} attempts: {}", sink, alert.getDedupeKey(), settings.maxAttempts(),
                failure);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
