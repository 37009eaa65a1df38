package io.driftwatch.ingest.join;

/**
 * A ground truth waiting for its prediction, kept as the original record so that, if the
 * prediction never comes, exactly that record reaches the dead-letter topic.
 *
 * @param value          the original value bytes (Confluent wire format)
 * @param sourceTopic    where it was read from, for the dead-letter headers
 * @param eventTimeMs    the ground truth's event time
 */
public record PendingLabel(byte[] value, String sourceTopic, int sourcePartition, long sourceOffset,
                           long eventTimeMs) {
}
