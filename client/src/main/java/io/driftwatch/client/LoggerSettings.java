package io.driftwatch.client;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;

/**
 * Where and how a logger sends.
 *
 * @param kafka          Kafka client properties (bootstrap.servers, security), passed through
 * @param bufferCapacity events held in memory while the broker or registry is slow or away
 * @param sampleRate     the share of prediction ids kept, decided by the id (so a label follows its prediction)
 * @param topicPrefix    the Driftwatch deployment's topic prefix ("" for the default names)
 * @param meters         where {@code driftwatch.client.dropped} is counted; null for none
 */
public record LoggerSettings(Map<String, Object> kafka, String registryUrl, int bufferCapacity, double sampleRate,
                      String topicPrefix, MeterRegistry meters) {

    public LoggerSettings {
        kafka = Map.copyOf(kafka);
        if (bufferCapacity < 1) {
            throw new IllegalArgumentException("bufferCapacity must be at least 1, was " + bufferCapacity);
        }
        if (!(sampleRate > 0 && sampleRate <= 1)) {
            throw new IllegalArgumentException("sampleRate must be in (0, 1], was " + sampleRate);
        }
    }

    /** Settings for a cluster and registry: a buffer of 10 000 events, every prediction kept, the default topics. */
    public static Builder builder(String bootstrapServers, String registryUrl) {
        return new Builder(bootstrapServers, registryUrl);
    }

    /** Builds {@link LoggerSettings}; every setter is optional. */
    public static final class Builder {
        private final Map<String, Object> kafka = new HashMap<>();
        private final String registryUrl;
        private int bufferCapacity = 10_000;
        private double sampleRate = 1.0;
        private String topicPrefix = "";
        private MeterRegistry meters;

        private Builder(String bootstrapServers, String registryUrl) {
            kafka.put("bootstrap.servers", bootstrapServers);
            this.registryUrl = registryUrl;
        }

        /** Any Kafka producer property (security, client.id, …). */
        public Builder kafka(String key, Object value) {
            kafka.put(key, value);
            return this;
        }

        public Builder bufferCapacity(int events) {
            this.bufferCapacity = events;
            return this;
        }

        public Builder sampleRate(double share) {
            this.sampleRate = share;
            return this;
        }

        public Builder topicPrefix(String prefix) {
            this.topicPrefix = prefix;
            return this;
        }

        public Builder meters(MeterRegistry registry) {
            this.meters = registry;
            return this;
        }

        public LoggerSettings build() {
            return new LoggerSettings(kafka, registryUrl, bufferCapacity, sampleRate, topicPrefix, meters);
        }
    }
}
