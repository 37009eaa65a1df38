package io.driftwatch.metrics;

import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.metrics.estimation.EstimationReference;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Each model version's {@link EstimationReference}, read from the global store of reference
 * profiles and decoded once per change of the profile.
 */
final class EstimationReferences {

    private final Deserializer<ReferenceProfile> deserializer;
    private final String topic;
    private final Map<String, Cached> cache = new HashMap<>();
    private KeyValueStore<String, byte[]> profiles;

    EstimationReferences(Deserializer<ReferenceProfile> deserializer, String topic) {
        this.deserializer = deserializer;
        this.topic = topic;
    }

    void init(KeyValueStore<String, byte[]> profiles) {
        this.profiles = profiles;
    }

    /** @return null when the version has no published profile, or its profile no performance section */
    EstimationReference of(String modelId, String modelVersion) {
        String key = MetricPartial.modelKey(modelId, modelVersion);
        byte[] bytes = profiles.get(key);
        if (bytes == null) {
            cache.remove(key);
            return null;
        }
        Cached cached = cache.get(key);
        if (cached == null || !Arrays.equals(cached.bytes, bytes)) {
            cached = new Cached(bytes, EstimationReference.of(deserializer.deserialize(topic, bytes).getPerformance()));
            cache.put(key, cached);
        }
        return cached.reference;
    }

    private record Cached(byte[] bytes, EstimationReference reference) {
    }
}
