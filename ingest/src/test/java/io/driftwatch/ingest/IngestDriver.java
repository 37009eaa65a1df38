package io.driftwatch.ingest;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.ingest.config.IngestSettings;
import io.driftwatch.runtime.config.ModelCatalogue;
import io.driftwatch.runtime.testing.TopologyTestProperties;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.serde.AvroSerdes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The production ingest topology in a {@link TopologyTestDriver}, with typed inputs and outputs.
 * The driver's wall clock starts at {@link IngestEvents#NOW}.
 */
final class IngestDriver implements AutoCloseable {

    static final String APPLICATION_ID = "ingest-test";

    final TopologyTestDriver driver;
    final TopicCatalogue topics;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestInputTopic<String, PredictionEvent> predictions;
    private final TestInputTopic<String, GroundTruthEvent> groundTruth;
    private final TestInputTopic<byte[], byte[]> rawPredictions;
    private final TestInputTopic<String, ReferenceProfile> profiles;
    private final TestOutputTopic<String, PredictionEvent> validated;
    private final TestOutputTopic<String, LabeledPrediction> labeled;
    private final TestOutputTopic<byte[], byte[]> deadLetters;

    IngestDriver(AvroSerdes serdes, Map<String, Object> ingestSection, ModelCatalogue catalogue, Path stateDir) {
        this.topics = new TopicCatalogue("", serdes);
        IngestSettings settings = IngestSettings.fromSection(ingestSection, catalogue);
        Properties props = TopologyTestProperties.of(APPLICATION_ID, stateDir);
        driver = new TopologyTestDriver(IngestTopology.build(topics, settings, new IngestMetrics(meters)), props,
                IngestEvents.NOW);
        predictions = input(TopicCatalogue.PREDICTIONS.baseName(), topics.valueSerde(TopicCatalogue.PREDICTIONS));
        groundTruth = input(TopicCatalogue.GROUND_TRUTH.baseName(), topics.valueSerde(TopicCatalogue.GROUND_TRUTH));
        profiles = input(TopicCatalogue.REFERENCE_PROFILES.baseName(), topics.valueSerde(TopicCatalogue.REFERENCE_PROFILES));
        rawPredictions = driver.createInputTopic(TopicCatalogue.PREDICTIONS.baseName(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        validated = driver.createOutputTopic(topics.name(TopicCatalogue.VALIDATED_PREDICTIONS),
                Serdes.String().deserializer(), topics.valueSerde(TopicCatalogue.VALIDATED_PREDICTIONS).deserializer());
        labeled = driver.createOutputTopic(topics.name(TopicCatalogue.LABELED_PREDICTIONS),
                Serdes.String().deserializer(), topics.valueSerde(TopicCatalogue.LABELED_PREDICTIONS).deserializer());
        deadLetters = driver.createOutputTopic(topics.name(TopicCatalogue.DEAD_LETTER),
                Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    }

    private <V> TestInputTopic<String, V> input(String topic, Serde<V> serde) {
        return driver.createInputTopic(topic, Serdes.String().serializer(), serde.serializer());
    }

    void prediction(PredictionEvent event) {
        predictions.pipeInput(event.getPredictionId(), event);
    }

    void prediction(String key, PredictionEvent event) {
        predictions.pipeInput(key, event);
    }

    void groundTruth(GroundTruthEvent event) {
        groundTruth.pipeInput(event.getPredictionId(), event);
    }

    void groundTruth(String key, GroundTruthEvent event) {
        groundTruth.pipeInput(key, event);
    }

    void rawPrediction(byte[] key, byte[] value) {
        rawPredictions.pipeInput(key, value);
    }

    void profile(ReferenceProfile profile) {
        profiles.pipeInput(profile.getModelId() + "/" + profile.getModelVersion(), profile);
    }

    /** Lets the wall-clock punctuations (expiry scan, contract refresh) run. */
    void scan() {
        driver.advanceWallClockTime(Duration.ofSeconds(10));
    }

    List<PredictionEvent> validated() {
        return validated.readValuesToList();
    }

    List<LabeledPrediction> labeled() {
        return labeled.readValuesToList();
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    double count(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        driver.close();
    }
}
