package io.driftwatch.runtime.deadletter;

import java.nio.charset.StandardCharsets;
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
    /** A short machine-readable reason, e.g. UNKNOWN_SCHEMA_ID or MISSING_MODEL_ID. */
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
