package io.driftwatch.runtime.streams;

import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Health of the processors in this JVM: UP when all run, DEGRADED while any is starting or
 * rebalancing or the cluster does not answer, DOWN when any has stopped or failed.
 */
public record Health(Status status, Map<String, KafkaStreams.State> processors, boolean kafkaReachable) {

    public enum Status { UP, DEGRADED, DOWN }

    public Health {
        processors = Map.copyOf(processors);
    }

    public Health(Status status, Map<String, KafkaStreams.State> processors) {
        this(status, processors, true);
    }

    static Health of(Map<String, KafkaStreams.State> states, boolean kafkaReachable) {
        Status status = states.isEmpty() ? Status.DOWN : Status.UP;
        for (KafkaStreams.State state : states.values()) {
            switch (state) {
                case RUNNING -> { }
                case CREATED, REBALANCING -> status = status == Status.DOWN ? Status.DOWN : Status.DEGRADED;
                default -> status = Status.DOWN;
            }
        }
        if (!kafkaReachable && status == Status.UP) {
            status = Status.DEGRADED;
        }
        return new Health(status, states, kafkaReachable);
    }
}
