package io.driftwatch.metrics;

import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.metrics.estimation.ClassCalibrations;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The multiclass calibrations of each model version's published reference profile, for the
 * prediction summariser, which applies them per prediction (renormalising needs all of a
 * prediction's classes at once). A version's profile is read from the reference-profiles global
 * store again after {@link #REFRESH_MS} of wall-clock time, so that a record costs one map lookup
 * and a profile published later takes effect within seconds.
 */
final class PublishedClassCalibrations {

    static final long REFRESH_MS = 10_000;

    private final Deserializer<ReferenceProfile> deserializer;
    private final String topic;
    private final Map<String, Read> cache = new HashMap<>();
    private KeyValueStore<String, byte[]> profiles;

    private record Read(ClassCalibrations calibrations, long at) {
    }

    PublishedClassCalibrations(Deserializer<ReferenceProfile> deserializer, String topic) {
        this.deserializer = deserializer;
        this.topic = topic;
    }

    void init(KeyValueStore<String, byte[]> profiles) {
        this.profiles = profiles;
        cache.clear();
    }

    /**
     * @return the calibrations of the version's published multiclass performance; while it has
     *         none, the raw probabilities' (renormalised), for a captured reference to calibrate later
     */
    ClassCalibrations of(String modelId, String modelVersion, long now) {
        String key = MetricPartial.modelKey(modelId, modelVersion);
        Read read = cache.get(key);
        if (read == null || now - read.at >= REFRESH_MS) {
            byte[] bytes = profiles.get(key);
            read = new Read(ClassCalibrations.of(bytes == null ? null
                    : deserializer.deserialize(topic, bytes).getMulticlassPerformance()), now);
            cache.put(key, read);
        }
        return read.calibrations;
    }
}
