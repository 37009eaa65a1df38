package io.driftwatch.metrics;

import io.driftwatch.events.MulticlassReferencePerformance;
import io.driftwatch.events.ReferencePerformance;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.metrics.estimation.EstimationReference;
import io.driftwatch.metrics.summary.ReferenceCapture;
import io.driftwatch.metrics.summary.WindowSummary;
import io.driftwatch.runtime.state.StateCodec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each model version's {@link EstimationReference}: the performance section of its published
 * reference profile (the global store), else the one captured here from the version's first final
 * windows ({@link ReferenceCapture}, once they hold {@code metrics.capture-labels} labelled
 * predictions). Decoded once per change.
 *
 * <p>The captured store holds {@code c|model/version} (a capture in progress), {@code
 * p|model/version} (the captured binary performance), {@code m|model/version} (the captured
 * multiclass performance) and {@code n|model/version} (nothing to capture: no scores nor class
 * probabilities, or a binary model's labels of more than two classes).
 */
final class EstimationReferences {

    private final Deserializer<ReferenceProfile> deserializer;
    private final String topic;
    private final long captureLabels;
    private static final Logger LOG = LoggerFactory.getLogger(EstimationReferences.class);

    private final Map<String, Cached> cache = new HashMap<>();
    private final Set<String> mismatchesLogged = new HashSet<>();
    private KeyValueStore<String, byte[]> profiles;
    private KeyValueStore<String, byte[]> captured;

    /** @param captureLabels the labelled predictions a capture needs; 0: none is captured */
    EstimationReferences(Deserializer<ReferenceProfile> deserializer, String topic, long captureLabels) {
        this.deserializer = deserializer;
        this.topic = topic;
        this.captureLabels = captureLabels;
    }

    void init(KeyValueStore<String, byte[]> profiles, KeyValueStore<String, byte[]> captured) {
        this.profiles = profiles;
        this.captured = captured;
    }

    /**
     * @param positiveLabel the model's configured positive class
     * @return null while the version has neither a published nor a captured performance, or when its
     *         reference calls another class positive (a configuration error, logged once per version)
     */
    EstimationReference of(String modelId, String modelVersion, String positiveLabel) {
        EstimationReference reference = reference(modelId, modelVersion);
        if (reference != null && reference.positiveLabel() != null && !reference.positiveLabel().equals(positiveLabel)) {
            if (mismatchesLogged.add(MetricPartial.modelKey(modelId, modelVersion))) {
                LOG.warn("The reference performance of {} v{} is for positive class '{}' but the models catalogue's positive-label is "
                        + "'{}': no estimated performance until they agree", modelId, modelVersion,
                        reference.positiveLabel(), positiveLabel);
            }
            return null;
        }
        return reference;
    }

    /** The version's reference, whichever class it calls positive. */
    private EstimationReference reference(String modelId, String modelVersion) {
        String key = MetricPartial.modelKey(modelId, modelVersion);
        EstimationReference published = decoded("published " + key, profiles.get(key),
                bytes -> EstimationReference.of(deserializer.deserialize(topic, bytes)));
        if (published != null) {
            return published;
        }
        EstimationReference binary = decoded("captured " + key, captured.get("p|" + key),
                bytes -> EstimationReference.of(StateCodec.avro(bytes, ReferencePerformance::fromByteBuffer)));
        return binary != null ? binary : decoded("captured multiclass " + key, captured.get("m|" + key),
                bytes -> EstimationReference.captured(StateCodec.avro(bytes, MulticlassReferencePerformance::fromByteBuffer)));
    }

    /**
     * Adds a final window of the version (all traffic) to its capture while it has no reference,
     * and turns the capture into the version's reference once it holds enough labels.
     */
    void learnFrom(String modelId, String modelVersion, WindowSummary window, String positiveLabel) {
        String key = MetricPartial.modelKey(modelId, modelVersion);
        if (captureLabels == 0 || !ReferenceCapture.holdsScoredLabels(window) || captured.get("n|" + key) != null
                || reference(modelId, modelVersion) != null) {
            return;
        }
        byte[] stored = captured.get("c|" + key);
        ReferenceCapture capture = stored == null ? new ReferenceCapture() : ReferenceCapture.fromBytes(stored);
        capture.add(window);
        if (capture.labelled() < captureLabels) {
            captured.put("c|" + key, capture.toBytes());
            return;
        }
        captured.delete("c|" + key);
        ReferencePerformance binary = capture.build(positiveLabel);
        MulticlassReferencePerformance multiclass = binary == null ? capture.buildMulticlass() : null;
        if (binary != null) {
            captured.put("p|" + key, StateCodec.avro(binary::toByteBuffer));
        } else if (multiclass != null) {
            captured.put("m|" + key, StateCodec.avro(multiclass::toByteBuffer));
        } else {
            captured.put("n|" + key, new byte[0]);
        }
    }

    private EstimationReference decoded(String cacheKey, byte[] bytes, Function<byte[], EstimationReference> decode) {
        if (bytes == null) {
            cache.remove(cacheKey);
            return null;
        }
        Cached cached = cache.get(cacheKey);
        if (cached == null || !Arrays.equals(cached.bytes, bytes)) {
            cached = new Cached(bytes, decode.apply(bytes));
            cache.put(cacheKey, cached);
        }
        return cached.reference;
    }

    private record Cached(byte[] bytes, EstimationReference reference) {
    }
}
