package io.driftwatch.runtime.streams;

import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Health of the processors in this JVM: UP when all run, DEGRADED while any is starting or
 * rebalancing, the cluster does not answer, or a service the process needs is in trouble
 * ({@code degraded}: the registry, a background reader), DOWN when any has stopped or failed.
 */
public record Health(Status status, Map<String, KafkaStreams.State> processors, boolean kafkaReachable,
                     Map<String, String> degraded) {

    public enum Status { UP, DEGRADED, DOWN }

    public Health {
        processors = Map.copyOf(processors);
        degraded = Map.copyOf(degraded);
    }

    public Health(Status status, Map<String, KafkaStreams.State> processors, boolean kafkaReachable) {
        this(status, processors, kafkaReachable, Map.of());
    }

    public Health(Status status, Map<String, KafkaStreams.State> processors) {
        this(status, processors, true);
    }

    /**
     * This health with services in trouble (name → what is wrong): UP becomes DEGRADED, and so does
     * the DOWN of a process whose processors have not started yet (they wait for those services).
     */
    public Health degradedBy(Map<String, String> problems) {
        if (problems.isEmpty()) {
            return this;
        }
        Status worse = status == Status.DOWN && !processors.isEmpty() ? Status.DOWN : Status.DEGRADED;
        return new Health(worse, processors, kafkaReachable, problems);
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
