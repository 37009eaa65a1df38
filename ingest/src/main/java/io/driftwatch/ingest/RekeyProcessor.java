package io.driftwatch.ingest;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Keys a record by its prediction id for the re-key topic, its bytes untouched, and carries the
 * position it was read at in headers: a dead letter raised after the re-key must name the input
 * topic, partition and offset, not the internal topic's.
 */
final class RekeyProcessor implements Processor<String, Inbound, byte[], byte[]> {

    private static final String TOPIC = "driftwatch.ingest.source.topic";
    private static final String PARTITION = "driftwatch.ingest.source.partition";
    private static final String OFFSET = "driftwatch.ingest.source.offset";

    /** Where a re-keyed record was first read. */
    record Position(String topic, int partition, long offset) {
    }

    private ProcessorContext<byte[], byte[]> context;

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, Inbound> record) {
        Inbound in = record.value();
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(TOPIC, bytes(in.sourceTopic()));
        headers.add(PARTITION, bytes(String.valueOf(in.sourcePartition())));
        headers.add(OFFSET, bytes(String.valueOf(in.sourceOffset())));
        context.forward(new Record<>(bytes(record.key()), in.rawValue(), record.timestamp(), headers));
    }

    /** Removes the position headers from a record read back from the re-key topic; null if it has none. */
    static Position take(Headers headers) {
        Header topic = headers.lastHeader(TOPIC);
        Header partition = headers.lastHeader(PARTITION);
        Header offset = headers.lastHeader(OFFSET);
        headers.remove(TOPIC).remove(PARTITION).remove(OFFSET);
        if (topic == null || partition == null || offset == null) {
            return null;
        }
        return new Position(text(topic), Integer.parseInt(text(partition)), Long.parseLong(text(offset)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Header header) {
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
