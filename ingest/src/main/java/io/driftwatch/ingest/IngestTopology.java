package io.driftwatch.ingest;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.ingest.config.IngestSettings;
import io.driftwatch.ingest.validation.EventLimits;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.streams.GlobalStoreUpdater;
import io.driftwatch.runtime.streams.StreamsApp;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicSpec;
import io.micrometer.core.instrument.MeterRegistry;
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
 */
public final class IngestTopology implements StreamsApp {

    public static final String NAME = "ingest";
    static final String JOIN_STORE = "ingest-join-state";
    static final String EXPIRY_STORE = "ingest-join-expiry";
    static final String PROFILE_STORE = "ingest-reference-profiles";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Topology topology(TopicCatalogue topics, DriftwatchConfig config, MeterRegistry meters) {
        return build(topics, IngestSettings.from(config), new IngestMetrics(meters));
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

    static Topology build(TopicCatalogue topics, IngestSettings settings, IngestMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        String profileTopic = topics.name(TopicCatalogue.REFERENCE_PROFILES);
        GlobalStoreUpdater.addGlobalStore(builder, PROFILE_STORE, profileTopic, "read-reference-profiles");
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

        Map<String, KStream<byte[], Outbound>> outputs = predictions
                .merge(groundTruth, Named.as("merge-inputs"))
                .process(() -> new ValidateProcessor(settings, PROFILE_STORE, profileTopic, profileSerde.deserializer(), metrics),
                        Named.as("validate"))
                .process(() -> new LabelJoinProcessor(settings, joinStores,
                                new OutputEncoder(topics.name(TopicCatalogue.VALIDATED_PREDICTIONS), validatedSerde.serializer(),
                                        validatedSerde.deserializer(), topics.name(TopicCatalogue.LABELED_PREDICTIONS),
                                        labeledSerde.serializer()),
                                groundTruthSerde.deserializer(), metrics),
                        Named.as("dedupe-and-join"), JOIN_STORE, EXPIRY_STORE)
                .split(Named.as("route-"))
                .branch((id, out) -> out.destination() == Outbound.Destination.VALIDATED, Branched.as("validated"))
                .branch((id, out) -> out.destination() == Outbound.Destination.LABELED, Branched.as("labeled"))
                .defaultBranch(Branched.as("dead-letters"));
        write(outputs.get("route-validated"), topics, TopicCatalogue.VALIDATED_PREDICTIONS, "write-validated");
        write(outputs.get("route-labeled"), topics, TopicCatalogue.LABELED_PREDICTIONS, "write-labeled");
        write(outputs.get("route-dead-letters"), topics, TopicCatalogue.DEAD_LETTER, "write-dead-letters");
        return builder.build();
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
