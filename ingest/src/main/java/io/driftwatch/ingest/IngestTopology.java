package io.driftwatch.ingest;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.ingest.config.IngestSettings;
import io.driftwatch.ingest.validation.EventLimits;
import io.driftwatch.runtime.streams.PredictionSource;
import io.driftwatch.runtime.streams.PredictionStreams;
import io.driftwatch.runtime.streams.TopologyParts;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicSpec;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The ingest processor: predictions and ground truth in; validated predictions, labelled
 * predictions and dead letters out.
 *
 * <pre>
 * read-predictions ─► decode-predictions ─┬─ key is the id ─────────────────────────────┐
 *                                         └─ re-key ─► rekey-predictions (repartition) ─► decode ─┤
 * read-ground-truth ─► decode-ground-truth ─ (same) ──────────────────────────────────────────────┤
 *                                                                                                  ▼
 *           validate (structure → dead letter; quality → flags) ─► dedupe-and-join ─┬─► write-validated
 *           [reference-profiles global store]                  [join state, expiry]  ├─► write-labeled
 *                                                                                    └─► write-dead-letters
 * </pre>
 *
 * Records are read as bytes and decoded here, not by the source's deserializer, so that any
 * record rejected later still reaches the dead-letter topic as the exact bytes it arrived as.
 *
 * <p>As an application of its own it writes both outputs, which the metric aggregator and drift
 * detector read; as the {@link PredictionSource} of the fused pipeline it hands them the events in
 * memory and writes each output only when {@code ingest.outputs} keeps it on.
 */
public final class IngestTopology implements PredictionSource {

    public static final String NAME = "ingest";
    static final String JOIN_STORE = "ingest-join-state";
    static final String EXPIRY_STORE = "ingest-join-expiry";

    @Override
    public String name() {
        return NAME;
    }

    /** Ingest alone: its outputs go to their topics, for the processors that read them. */
    @Override
    public Topology topology(TopologyParts parts) {
        return build(parts, IngestSettings.from(parts.config()), new IngestMetrics(parts.meters()));
    }

    /** Ingest in front of other processors: they get the events in memory; the topics only as switched on. */
    @Override
    public PredictionStreams addTo(TopologyParts parts) {
        return add(parts, IngestSettings.from(parts.config()), new IngestMetrics(parts.meters()), true);
    }

    /**
     * No idling for partitions without buffered data: the re-key topics are nearly always empty,
     * and waiting on them costs more than it protects. Ingest does not need records in timestamp
     * order across its inputs; its deadlines are hours of event time and the in-flight allowance
     * covers partners that are late by wall-clock seconds.
     */
    @Override
    public Map<String, Object> streamsDefaults() {
        return Map.of(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    }

    /** Ingest alone, with settings given directly (topology tests). */
    static Topology build(TopicCatalogue topics, IngestSettings settings, IngestMetrics metrics) {
        return build(TopologyParts.withPartitions(topics, null, null, 1), settings, metrics);
    }

    private static Topology build(TopologyParts parts, IngestSettings settings, IngestMetrics metrics) {
        add(parts, settings, metrics, false);
        return parts.builder().build();
    }

    /**
     * @param events whether the processors behind ingest get the events in memory
     * @return the events, with the inputs' partition count, when {@code events}; else null
     */
    private static PredictionStreams add(TopologyParts parts, IngestSettings settings, IngestMetrics metrics,
                                         boolean events) {
        StreamsBuilder builder = parts.builder();
        TopicCatalogue topics = parts.topics();
        String profileTopic = topics.name(TopicCatalogue.REFERENCE_PROFILES);
        String profileStore = parts.referenceProfiles();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(JOIN_STORE),
                Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXPIRY_STORE),
                Serdes.Bytes(), Serdes.ByteArray()));

        KStream<String, Inbound> predictions = decoded(builder, topics, TopicCatalogue.PREDICTIONS,
                Inbound.Stream.PREDICTION, metrics, settings.limits());
        KStream<String, Inbound> groundTruth = decoded(builder, topics, TopicCatalogue.GROUND_TRUTH,
                Inbound.Stream.GROUND_TRUTH, metrics, settings.limits());

        Serde<ReferenceProfile> profileSerde = topics.valueSerde(TopicCatalogue.REFERENCE_PROFILES);
        Serde<PredictionEvent> validatedSerde = topics.valueSerde(TopicCatalogue.VALIDATED_PREDICTIONS);
        Serde<LabeledPrediction> labeledSerde = topics.valueSerde(TopicCatalogue.LABELED_PREDICTIONS);
        Serde<GroundTruthEvent> groundTruthSerde = topics.valueSerde(TopicCatalogue.GROUND_TRUTH);
        LabelJoinProcessor.Stores joinStores = new LabelJoinProcessor.Stores(JOIN_STORE, EXPIRY_STORE);
        LabelJoinProcessor.Emits emits = new LabelJoinProcessor.Emits(settings.outputs(), events);

        Map<String, KStream<byte[], Outbound>> outputs = predictions
                .merge(groundTruth, Named.as("merge-inputs"))
                .process(() -> new ValidateProcessor(settings, profileStore, profileTopic, profileSerde.deserializer(), metrics),
                        Named.as("validate"))
                .process(() -> new LabelJoinProcessor(settings, emits, joinStores,
                                new OutputEncoder(topics.name(TopicCatalogue.VALIDATED_PREDICTIONS), validatedSerde.serializer(),
                                        validatedSerde.deserializer(), topics.name(TopicCatalogue.LABELED_PREDICTIONS),
                                        labeledSerde.serializer()),
                                groundTruthSerde.deserializer(), metrics),
                        Named.as("dedupe-and-join"), JOIN_STORE, EXPIRY_STORE)
                .split(Named.as("route-"))
                .branch((id, out) -> out.destination() == Outbound.Destination.VALIDATED, Branched.as("validated"))
                .branch((id, out) -> out.destination() == Outbound.Destination.LABELED, Branched.as("labeled"))
                .defaultBranch(Branched.as("dead-letters"));
        KStream<byte[], Outbound> validated = outputs.get("route-validated");
        KStream<byte[], Outbound> labeled = outputs.get("route-labeled");
        if (settings.outputs().validated()) {
            write(validated, topics, TopicCatalogue.VALIDATED_PREDICTIONS, "write-validated");
        }
        if (settings.outputs().labeled()) {
            write(labeled, topics, TopicCatalogue.LABELED_PREDICTIONS, "write-labeled");
        }
        write(outputs.get("route-dead-letters"), topics, TopicCatalogue.DEAD_LETTER, "write-dead-letters");
        if (!events) {
            return null;
        }
        return PredictionStreams.of(
                validated.mapValues(out -> (PredictionEvent) out.event(), Named.as("hand-over-validated")),
                labeled.mapValues(out -> (LabeledPrediction) out.event(), Named.as("hand-over-labeled")),
                parts.partitions(TopicCatalogue.PREDICTIONS, TopicCatalogue.GROUND_TRUTH));
    }

    /**
     * One input read as bytes and decoded; records keyed by something other than their prediction
     * id are re-keyed once through a repartition topic, so that each prediction meets its ground
     * truth in the same task.
     */
    private static KStream<String, Inbound> decoded(StreamsBuilder builder, TopicCatalogue topics,
                                                    TopicSpec<String, ? extends SpecificRecord> topic,
                                                    Inbound.Stream stream, IngestMetrics metrics, EventLimits limits) {
        String name = stream.tag;
        var deserializer = topics.valueSerde(topic).deserializer();
        Map<String, KStream<String, Inbound>> byKey = builder
                .stream(topics.name(topic), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-" + name))
                .process(() -> new DecodeProcessor(stream, deserializer, metrics, limits, false), Named.as("decode-" + name))
                .split(Named.as("key-" + name + "-"))
                .branch((id, in) -> in.needsRekey(), Branched.as("rekey"))
                .defaultBranch(Branched.as("ok"));
        KStream<String, Inbound> rekeyed = byKey.get("key-" + name + "-rekey")
                .process(RekeyProcessor::new, Named.as("rekey-" + name + "-by-id"))
                .repartition(Repartitioned.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("rekey-" + name))
                .process(() -> new DecodeProcessor(stream, deserializer, metrics, limits, true), Named.as("decode-rekeyed-" + name));
        return byKey.get("key-" + name + "-ok").merge(rekeyed, Named.as("merge-" + name));
    }

    private static void write(KStream<byte[], Outbound> output, TopicCatalogue topics, TopicSpec<?, ?> topic,
                              String name) {
        output.mapValues(Outbound::value, Named.as(name + "-bytes"))
                .to(topics.name(topic), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name));
    }
}
