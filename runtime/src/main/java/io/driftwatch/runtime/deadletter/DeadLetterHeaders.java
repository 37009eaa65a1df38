package io.driftwatch.runtime.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers every dead-lettered record carries, whichever processor sent it. The payload
 * itself travels untouched as the record's key and value and is never logged.
 */
public final class DeadLetterHeaders {

    public static final String SOURCE_TOPIC = "driftwatch.dlq.source.topic";
    public static final String SOURCE_PARTITION = "driftwatch.dlq.source.partition";
    public static final String SOURCE_OFFSET = "driftwatch.dlq.source.offset";
    public static final String PROCESSOR = "driftwatch.dlq.processor";
    public static final String ERROR_CLASS = "driftwatch.dlq.error.class";
    /** A short machine-readable reason in kebab case, e.g. {@code unknown-schema-id} or {@code missing-model-id}. */
    public static final String REASON = "driftwatch.dlq.reason";
    /** The error message, bounded; Driftwatch's messages describe the problem, never the record content. */
    public static final String MESSAGE = "driftwatch.dlq.message";

    private static final int MAX_MESSAGE_CHARS = 1_000;

    private DeadLetterHeaders() {
    }

    /**
     * @param original the source record's headers, kept so that tracing headers survive
     * @param error    the exception, or null when a processor rejects a record by rule
     */
    public static Headers of(Headers original, String sourceTopic, int partition, long offset, String processor,
                             String reason, Throwable error, String message) {
        Headers headers = original == null ? new RecordHeaders() : new RecordHeaders(original.toArray());
        put(headers, SOURCE_TOPIC, sourceTopic);
        put(headers, SOURCE_PARTITION, String.valueOf(partition));
        put(headers, SOURCE_OFFSET, String.valueOf(offset));
        put(headers, PROCESSOR, processor);
        put(headers, REASON, reason);
        put(headers, ERROR_CLASS, error == null ? "" : error.getClass().getName());
        String text = message == null ? "" : message;
        put(headers, MESSAGE, text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) : text);
        return headers;
    }

    /** A reason from an enum constant or class name: {@code UNKNOWN_SCHEMA_ID} → {@code unknown-schema-id}. */
    public static String reason(Enum<?> kind) {
        return reason(kind.name());
    }

    /** Kebab case of an UPPER_SNAKE or CamelCase name, so that every reason reads alike. */
    public static String reason(String name) {
        String snake = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2");
        return snake.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The value of a header as text, or null. */
    public static String get(Headers headers, String key) {
        var header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
