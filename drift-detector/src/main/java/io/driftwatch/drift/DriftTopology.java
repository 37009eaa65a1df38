package io.driftwatch.drift;

import io.driftwatch.drift.config.DriftSettings;
import io.driftwatch.events.DriftReport;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.partials.PartialPartitioner;
import io.driftwatch.runtime.partials.PartialStore;
import io.driftwatch.runtime.streams.GlobalStoreUpdater;
import io.driftwatch.runtime.streams.StreamsApp;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicPartitions;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The drift detector: validated and labelled predictions in; drift reports and auto-captured
 * reference profiles out.
 *
 * <pre>
 * read-validated ─► slice-predictions [prediction partials] ─┐
 * read-labeled ───► slice-errors      [error partials] ──────┴─► drift-partials (repartition by model version)
 *                                                                        │
 *      [reference-profiles global store]  ─►  merge-and-test [slices, models, clocks, captured profiles]
 *                                                                        ├─► write-drift-reports
 *                                                                        └─► write-captured-profiles
 * </pre>
 *
 * Each partition summarises its own records; only summaries are repartitioned, so a hot model
 * is not bound to one partition (see docs/drift.md, "Streams").
 */
public final class DriftTopology implements StreamsApp {

    public static final String NAME = "drift";
    static final String PREDICTION_PARTIALS = "drift-prediction-partials";
    static final String ERROR_PARTIALS = "drift-error-partials";
    static final MergeProcessor.Stores STORES = new MergeProcessor.Stores("drift-slices", "drift-models",
            "drift-clocks", "drift-captured-profiles", "drift-reference-profiles");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Topology topology(TopicCatalogue topics, DriftwatchConfig config, MeterRegistry meters) {
        DriftSettings settings = DriftSettings.from(config);
        int partitions = TopicPartitions.max(config.kafka(), List.of(topics.name(TopicCatalogue.VALIDATED_PREDICTIONS),
                topics.name(TopicCatalogue.LABELED_PREDICTIONS)), Duration.ofSeconds(30));
        return build(topics, settings, new DriftMetrics(meters), partitions);
    }

    /**
     * @param inputPartitions how many partitions the inputs have: a slice closes only when that
     *                        many partitions have reported their progress past it
     */
    static Topology build(TopicCatalogue topics, DriftSettings settings, DriftMetrics metrics, int inputPartitions) {
        TrustedAvroPackages.trustEvents();
        StreamsBuilder builder = new StreamsBuilder();
        String profileTopic = topics.name(TopicCatalogue.REFERENCE_PROFILES);
        GlobalStoreUpdater.addGlobalStore(builder, STORES.profiles(), profileTopic, "read-reference-profiles");
        builder.addStateStore(PartialStore.builder(PREDICTION_PARTIALS, Partial::fromBytes));
        builder.addStateStore(PartialStore.builder(ERROR_PARTIALS, Partial::fromBytes));
        for (String store : new String[] {STORES.slices(), STORES.models(), STORES.captured()}) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                    Serdes.ByteArray()));
        }
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORES.clocks()),
                Serdes.String(), Serdes.Long()));

        KStream<String, byte[]> predictionPartials = builder
                .stream(topics.name(TopicCatalogue.VALIDATED_PREDICTIONS),
                        topics.consumed(TopicCatalogue.VALIDATED_PREDICTIONS).withName("read-validated"))
                .process(() -> new PredictionSlicer(PREDICTION_PARTIALS, settings), Named.as("slice-predictions"),
                        PREDICTION_PARTIALS);
        KStream<String, byte[]> errorPartials = builder
                .stream(topics.name(TopicCatalogue.LABELED_PREDICTIONS),
                        topics.consumed(TopicCatalogue.LABELED_PREDICTIONS).withName("read-labeled"))
                .process(() -> new ErrorSlicer(ERROR_PARTIALS, settings, metrics), Named.as("slice-errors"),
                        ERROR_PARTIALS);

        var profileDeserializer = topics.valueSerde(TopicCatalogue.REFERENCE_PROFILES).deserializer();
        Map<String, KStream<String, SpecificRecord>> outputs = predictionPartials
                .merge(errorPartials, Named.as("merge-partials"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName("drift-partials")
                        .withStreamPartitioner(new PartialPartitioner()))
                .process(() -> new MergeProcessor(settings, STORES, profileDeserializer, profileTopic, metrics,
                                inputPartitions),
                        Named.as("merge-and-test"), STORES.slices(), STORES.models(), STORES.clocks(), STORES.captured())
                .split(Named.as("route-"))
                .branch((key, value) -> value instanceof DriftReport, Branched.as("reports"))
                .defaultBranch(Branched.as("profiles"));
        outputs.get("route-reports")
                .mapValues(value -> (DriftReport) value, Named.as("as-drift-report"))
                .to(topics.name(TopicCatalogue.DRIFT_REPORTS),
                        topics.produced(TopicCatalogue.DRIFT_REPORTS).withName("write-drift-reports"));
        outputs.get("route-profiles")
                .mapValues(value -> (ReferenceProfile) value, Named.as("as-reference-profile"))
                .to(profileTopic, topics.produced(TopicCatalogue.REFERENCE_PROFILES).withName("write-captured-profiles"));
        return builder.build();
    }
}
