package io.driftwatch.runtime.config;

import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams processing guarantee; exactly-once is the default. */
public enum ProcessingGuarantee {
    EXACTLY_ONCE_V2(StreamsConfig.EXACTLY_ONCE_V2),
    AT_LEAST_ONCE(StreamsConfig.AT_LEAST_ONCE);

    private final String streamsValue;

    ProcessingGuarantee(String streamsValue) {
        this.streamsValue = streamsValue;
    }

    /** The value of Kafka Streams' {@code processing.guarantee}. */
    public String streamsValue() {
        return streamsValue;
    }
}
