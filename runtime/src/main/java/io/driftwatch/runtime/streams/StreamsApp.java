package io.driftwatch.runtime.streams;

import java.util.Map;
import org.apache.kafka.streams.Topology;

/** One Driftwatch processor: a named Kafka Streams topology with its own {@code application.id}. */
public interface StreamsApp {

    /** Short name (ingest, metrics, drift, alerting): the suffix of its application.id. */
    String name();

    /** Its topology, built from {@code parts} (topics, settings, meters, the inputs' partition counts). */
    Topology topology(TopologyParts parts);

    /** Kafka Streams properties this processor needs by default; the config's {@code kafka} section overrides them. */
    default Map<String, Object> streamsDefaults() {
        return Map.of();
    }
}
