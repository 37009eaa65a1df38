package io.driftwatch.drift;

import io.driftwatch.drift.config.DriftSettings;
import io.driftwatch.events.DriftReport;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.ReferenceProfile;
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
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The production drift topology in a {@link TopologyTestDriver}, with typed inputs and outputs. */
final class DriftDriver implements AutoCloseable {

    final TopologyTestDriver driver;
    final DriftSettings settings;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestInputTopic<String, PredictionEvent> validated;
    private final TestInputTopic<String, LabeledPrediction> labeled;
    private final TestInputTopic<String, ReferenceProfile> profilesIn;
    private final TestOutputTopic<String, DriftReport> reports;
    private final TestOutputTopic<String, ReferenceProfile> profilesOut;

    DriftDriver(AvroSerdes serdes, Map<String, Object> driftSection, Path stateDir) {
        TopicCatalogue topics = new TopicCatalogue("", serdes);
        settings = DriftSettings.fromSection(driftSection, ModelCatalogue.EMPTY);
        Properties props = TopologyTestProperties.of("drift-test", stateDir);
        driver = new TopologyTestDriver(DriftTopology.build(topics, settings, new DriftMetrics(meters), 1), props,
                DriftScenario.T0);
        validated = driver.createInputTopic(topics.name(TopicCatalogue.VALIDATED_PREDICTIONS),
                Serdes.String().serializer(), topics.valueSerde(TopicCatalogue.VALIDATED_PREDICTIONS).serializer());
        labeled = driver.createInputTopic(topics.name(TopicCatalogue.LABELED_PREDICTIONS),
                Serdes.String().serializer(), topics.valueSerde(TopicCatalogue.LABELED_PREDICTIONS).serializer());
        String profileTopic = topics.name(TopicCatalogue.REFERENCE_PROFILES);
        profilesIn = driver.createInputTopic(profileTopic, Serdes.String().serializer(),
                topics.valueSerde(TopicCatalogue.REFERENCE_PROFILES).serializer());
        profilesOut = driver.createOutputTopic(profileTopic, Serdes.String().deserializer(),
                topics.valueSerde(TopicCatalogue.REFERENCE_PROFILES).deserializer());
        reports = driver.createOutputTopic(topics.name(TopicCatalogue.DRIFT_REPORTS), Serdes.String().deserializer(),
                topics.valueSerde(TopicCatalogue.DRIFT_REPORTS).deserializer());
    }

    void profile(ReferenceProfile profile) {
        profilesIn.pipeInput(profile.getModelId() + "/" + profile.getModelVersion(), profile);
    }

    void predictions(List<PredictionEvent> events) {
        events.forEach(e -> validated.pipeInput(e.getPredictionId(), e, e.getEventTime()));
    }

    void labeled(List<LabeledPrediction> events) {
        events.forEach(e -> labeled.pipeInput(e.getPrediction().getPredictionId(), e,
                e.getGroundTruth().getEventTime()));
    }

    /** Lets the partitions' partial summaries of closed slices go to the merge. */
    void flush() {
        driver.advanceWallClockTime(settings.flushInterval());
    }

    /** Lets the partition report itself idle, sending every partial it holds. */
    void idle() {
        driver.advanceWallClockTime(settings.idleTimeout());
    }

    List<DriftReport> reports() {
        return reports.readValuesToList();
    }

    List<ReferenceProfile> capturedProfiles() {
        return profilesOut.readValuesToList();
    }

    double count(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    Duration window() {
        return settings.window();
    }

    @Override
    public void close() {
        driver.close();
    }
}
