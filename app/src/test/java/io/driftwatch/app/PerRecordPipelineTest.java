package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.drift.DriftTopology;
import io.driftwatch.events.DriftReport;
import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.ingest.IngestTopology;
import io.driftwatch.metrics.MetricsTopology;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.streams.PredictionSink;
import io.driftwatch.runtime.streams.TopologyParts;
import io.driftwatch.runtime.testing.TestRegistry;
import io.driftwatch.runtime.testing.TopologyTestProperties;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fused per-record pipeline against the same processors wired through the validated and
 * labelled topics: the same snapshots and drift reports from the same seeded input, with and
 * without the two topics written, and raw events that never leave ingest's sub-topology.
 */
class PerRecordPipelineTest {

    @RegisterExtension
    static final TestRegistry registry = new TestRegistry();
    private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");
    /** The drivers' wall clock: after the last event, so none is too far in the future. */
    private static final Instant WALL_CLOCK = T0.plus(Duration.ofMinutes(20));
    private static final int MINUTES = 12;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void trust() {
        TrustedAvroPackages.trustEvents();
    }

    @Test
    void fusedShouldEmitTheSnapshotsAndReportsOfTheProcessorsWiredThroughTopics() {
        Outputs split = split(config(true));
        Outputs fused = fused(config(true));

        assertThat(split.snapshots).hasSizeGreaterThan(MINUTES)
                .anySatisfy(s -> assertThat(((MetricSnapshot) s).getLabeledCount()).isPositive());
        assertThat(split.reports).hasSizeGreaterThan(3);
        assertThat(split.reports).anySatisfy(r -> assertThat(((DriftReport) r).getDatasetDrift()).isTrue());
        assertThat(fused.snapshots).containsExactlyInAnyOrderElementsOf(split.snapshots);
        assertThat(fused.reports).containsExactlyInAnyOrderElementsOf(split.reports);
        assertThat(fused.validated).isEqualTo(split.validated).isPositive();
        assertThat(fused.labeled).isEqualTo(split.labeled).isPositive();
    }

    @Test
    void withTheTopicsSwitchedOffTheFusedPipelineShouldWriteNeitherAndStillEmitTheSame() {
        Outputs on = fused(config(true));
        Outputs off = fused(config(false));

        assertThat(off.validated).isZero();
        assertThat(off.labeled).isZero();
        assertThat(off.snapshots).containsExactlyInAnyOrderElementsOf(on.snapshots).isNotEmpty();
        assertThat(off.reports).containsExactlyInAnyOrderElementsOf(on.reports).isNotEmpty();
    }

    @Test
    void rawEventsShouldCrossTheBrokerOnceAndOnlyPartialsBeRepartitioned() {
        TopicCatalogue topics = new TopicCatalogue("", registry.serdes());
        Topology topology = Pipeline.perRecord().topology(
                TopologyParts.withPartitions(topics, config(true), new SimpleMeterRegistry(), 1));
        Set<String> read = new TreeSet<>();
        Set<String> repartitioned = new TreeSet<>();
        for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    read.addAll(source.topicSet());
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic().endsWith("-repartition")) {
                    repartitioned.add(sink.topic());
                }
            }
        }
        assertThat(read).doesNotContain(topics.name(TopicCatalogue.VALIDATED_PREDICTIONS),
                topics.name(TopicCatalogue.LABELED_PREDICTIONS));
        assertThat(repartitioned).containsExactly("drift-partials-repartition", "metrics-partials-repartition",
                "rekey-ground-truth-repartition", "rekey-prediction-repartition");
        assertThat(topology.describe().subtopologies()).hasSize(3);
        assertThat(topology.describe().globalStores()).hasSize(1);
    }

    private record Outputs(List<SpecificRecordBase> snapshots, List<SpecificRecordBase> reports, long validated,
                           long labeled) {
    }

    private Outputs fused(DriftwatchConfig config) {
        TopicCatalogue topics = new TopicCatalogue("", registry.serdes());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (TopologyTestDriver driver = driver(Pipeline.perRecord().topology(TopologyParts.withPartitions(topics, config, meters, 1)),
                "fused")) {
            Inputs inputs = new Inputs(driver, topics);
            events().forEach(inputs::pipe);
            flush(driver);
            return outputs(driver, topics);
        }
    }

    /**
     * Ingest alone, and the metric aggregator and the drift detector fed from its two topics in
     * step: each record ingest writes is passed on before the next input, in the order the fused
     * topology hands them over, since a window's first snapshot counts the labels that came before it closed.
     */
    private Outputs split(DriftwatchConfig config) {
        TopicCatalogue topics = new TopicCatalogue("", registry.serdes());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<TopologyTestDriver> sinks = new ArrayList<>();
        try (TopologyTestDriver ingest = driver(new IngestTopology().topology(
                TopologyParts.withPartitions(topics, config, meters, 1)), "ingest")) {
            for (PredictionSink sink : List.of(new MetricsTopology(), new DriftTopology())) {
                sinks.add(driver(sink.fromTopics(TopologyParts.withPartitions(topics, config, meters, 1)), sink.name()));
            }
            Inputs inputs = new Inputs(ingest, topics);
            TestOutputTopic<byte[], byte[]> validated = ingest.createOutputTopic(
                    topics.name(TopicCatalogue.VALIDATED_PREDICTIONS), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            TestOutputTopic<byte[], byte[]> labeled = ingest.createOutputTopic(
                    topics.name(TopicCatalogue.LABELED_PREDICTIONS), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TestInputTopic<byte[], byte[]>> validatedIn = sinks.stream().map(sink -> sink.createInputTopic(
                    topics.name(TopicCatalogue.VALIDATED_PREDICTIONS), new ByteArraySerializer(), new ByteArraySerializer())).toList();
            List<TestInputTopic<byte[], byte[]>> labeledIn = sinks.stream().map(sink -> sink.createInputTopic(
                    topics.name(TopicCatalogue.LABELED_PREDICTIONS), new ByteArraySerializer(), new ByteArraySerializer())).toList();
            long validatedCount = 0;
            long labeledCount = 0;
            for (Event event : events()) {
                inputs.pipe(event);
                for (TestRecord<byte[], byte[]> record : validated.readRecordsToList()) {
                    validatedIn.forEach(in -> in.pipeInput(record));
                    validatedCount++;
                }
                for (TestRecord<byte[], byte[]> record : labeled.readRecordsToList()) {
                    labeledIn.forEach(in -> in.pipeInput(record));
                    labeledCount++;
                }
            }
            List<SpecificRecordBase> snapshots = new ArrayList<>();
            List<SpecificRecordBase> reports = new ArrayList<>();
            for (TopologyTestDriver sink : sinks) {
                flush(sink);
                Outputs out = outputs(sink, topics);
                snapshots.addAll(out.snapshots);
                reports.addAll(out.reports);
            }
            return new Outputs(snapshots, reports, validatedCount, labeledCount);
        } finally {
            sinks.forEach(TopologyTestDriver::close);
        }
    }

    private TopologyTestDriver driver(Topology topology, String name) {
        return new TopologyTestDriver(topology, TopologyTestProperties.of(name + "-test",
                stateDir.resolve(name + System.nanoTime())), WALL_CLOCK);
    }

    /** A prediction or (when {@code truth} is set) a ground truth, at its event time. */
    private record Event(String id, PredictionEvent prediction, GroundTruthEvent truth, Instant at) {
    }

    /** The raw input topics of a driver. */
    private static final class Inputs {

        private final TestInputTopic<String, PredictionEvent> predictions;
        private final TestInputTopic<String, GroundTruthEvent> truths;

        Inputs(TopologyTestDriver driver, TopicCatalogue topics) {
            predictions = driver.createInputTopic(topics.name(TopicCatalogue.PREDICTIONS), Serdes.String().serializer(),
                    topics.valueSerde(TopicCatalogue.PREDICTIONS).serializer());
            truths = driver.createInputTopic(topics.name(TopicCatalogue.GROUND_TRUTH), Serdes.String().serializer(),
                    topics.valueSerde(TopicCatalogue.GROUND_TRUTH).serializer());
        }

        void pipe(Event event) {
            if (event.truth() != null) {
                truths.pipeInput(event.id(), event.truth(), event.at());
            } else {
                predictions.pipeInput(event.id(), event.prediction(), event.at());
            }
        }
    }

    /**
     * One model, a prediction every second for {@link #MINUTES} minutes, a label for 80 % of them
     * 20 s later; from minute 6 on the feature "amount" is shifted by two standard deviations.
     */
    private static List<Event> events() {
        List<Event> events = new ArrayList<>();
        Random random = new Random(17);
        for (int second = 0; second < MINUTES * 60; second++) {
            Instant at = T0.plusSeconds(second);
            double shift = second >= 6 * 60 ? 2 : 0;
            double score = random.nextDouble();
            String id = "p" + second;
            events.add(new Event(id, PredictionEvent.newBuilder().setPredictionId(id).setModelId("shop")
                    .setModelVersion("1").setEventTime(at).setSegments(Map.of())
                    .setNumericFeatures(Map.of("amount", random.nextGaussian() + shift, "age", 40 + 10 * random.nextGaussian()))
                    .setCategoricalFeatures(Map.of("device", random.nextBoolean() ? "mobile" : "desktop"))
                    .setScore(score).setPredictedLabel(score >= 0.5 ? "1" : "0").setServingLatencyMs(5.0)
                    .setQualityIssues(List.of()).build(), null, at));
            if (random.nextDouble() < 0.8) {
                Instant labelled = at.plusSeconds(20);
                events.add(new Event(id, null, GroundTruthEvent.newBuilder().setPredictionId(id).setModelId("shop")
                        .setEventTime(labelled).setActualLabel(random.nextDouble() < 0.7 ? "1" : "0")
                        .setOutcomes(Map.of()).build(), labelled));
            }
        }
        return events;
    }

    /** Lets every partition flush its partials and then report itself idle, so every window closes. */
    private static void flush(TopologyTestDriver driver) {
        for (int i = 0; i < 6; i++) {
            driver.advanceWallClockTime(Duration.ofSeconds(5));
        }
    }

    /** Snapshots and reports without the wall-clock time they were made at, and how many records each topic got. */
    private static Outputs outputs(TopologyTestDriver driver, TopicCatalogue topics) {
        List<SpecificRecordBase> snapshots = new ArrayList<>();
        driver.createOutputTopic(topics.name(TopicCatalogue.METRICS), Serdes.String().deserializer(),
                topics.valueSerde(TopicCatalogue.METRICS).deserializer()).readValuesToList()
                .forEach(s -> snapshots.add(withoutField(s, "emitted_at")));
        List<SpecificRecordBase> reports = new ArrayList<>();
        driver.createOutputTopic(topics.name(TopicCatalogue.DRIFT_REPORTS), Serdes.String().deserializer(),
                topics.valueSerde(TopicCatalogue.DRIFT_REPORTS).deserializer()).readValuesToList()
                .forEach(r -> reports.add(withoutField(r, "generated_at")));
        long validated = driver.createOutputTopic(topics.name(TopicCatalogue.VALIDATED_PREDICTIONS),
                Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer()).getQueueSize();
        long labeled = driver.createOutputTopic(topics.name(TopicCatalogue.LABELED_PREDICTIONS),
                Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer()).getQueueSize();
        return new Outputs(snapshots, reports, validated, labeled);
    }

    private static SpecificRecordBase withoutField(SpecificRecordBase record, String field) {
        record.put(field, null);
        return record;
    }

    private DriftwatchConfig config(boolean topicsOn) {
        Map<String, Object> config = new HashMap<>();
        config.put("kafka", Map.of("bootstrap.servers", "unused:9092"));
        config.put("schema-registry", Map.of("url", "http://unused:8081"));
        config.put("processing", Map.of("state-dir", stateDir.toString()));
        config.put("ingest", Map.of("outputs", Map.of("validated", topicsOn, "labeled", topicsOn)));
        config.put("models", List.of(Map.of("model", "*", "label-horizon", "1m")));
        config.put("metrics", Map.of("window", "1m", "grace", "10s", "flush-interval", "1s", "idle-timeout", "10s"));
        config.put("drift", Map.of("window", "1m", "grace", "10s", "flush-interval", "1s", "idle-timeout", "10s",
                "auto-capture-samples", 300, "min-window-samples", 50, "detectors", List.of("ddm")));
        return DriftwatchConfig.fromMap(config, Map.of());
    }
}
