package io.driftwatch.runtime.streams;

import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.streams.Topology;

/** One Driftwatch processor: a named Kafka Streams topology with its own {@code application.id}. */
public interface StreamsApp {

    /** Short name (ingest, metrics, drift, alerting): the suffix of its application.id. */
    String name();

    Topology topology(TopicCatalogue topics, DriftwatchConfig config, MeterRegistry meters);

    /** Kafka Streams properties this processor needs by default; the config's {@code kafka} section overrides them. */
    default Map<String, Object> streamsDefaults() {
        return Map.of();
    }
}
