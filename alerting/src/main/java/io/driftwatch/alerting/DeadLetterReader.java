package io.driftwatch.alerting;

import io.driftwatch.runtime.deadletter.DeadLetterHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Keeps of each dead letter only which processor sent it (its header), under one key. */
final class DeadLetterReader implements Processor<byte[], byte[], String, Object> {

    private ProcessorContext<String, Object> context;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String processor = DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.PROCESSOR);
        context.forward(new Record<String, Object>(DeadLetter.KEY, new DeadLetter(processor == null ? "unknown" : processor),
                record.timestamp()));
    }
}
