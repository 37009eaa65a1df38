package io.driftwatch.drift;

import io.driftwatch.drift.config.DriftSettings;
import io.driftwatch.events.DriftReport;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.runtime.partials.PartialPartitioner;
import io.driftwatch.runtime.partials.PartialStore;
import io.driftwatch.runtime.streams.PredictionSink;
import io.driftwatch.runtime.streams.PredictionStreams;
import io.driftwatch.runtime.streams.StreamsApp;
import io.driftwatch.runtime.streams.TopologyParts;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
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
 * is not bound to one partition (see docs/drift.md, "Streams"). In the fused pipeline the slicers
 * sit behind ingest's join instead of the two reads, and share its reference-profile store.
 */
public final class DriftTopology implements StreamsApp, PredictionSink {

    public static final String NAME = "drift";
    static final String PREDICTION_PARTIALS = "drift-prediction-partials";
    static final String ERROR_PARTIALS = "drift-error-partials";
    static final MergeProcessor.Stores STORES = new MergeProcessor.Stores("drift-slices", "drift-models",
            "drift-clocks", "drift-captured-profiles", TopologyParts.REFERENCE_PROFILES);

    @Override
    public String name() {
        return NAME;
    }

    /** The drift detector alone, reading the validated and labelled topics. */
    @Override
    public Topology topology(TopologyParts parts) {
        return fromTopics(parts);
    }

    @Override
    public void addTo(TopologyParts parts, PredictionStreams predictions) {
        add(parts, predictions, DriftSettings.from(parts.config()), new DriftMetrics(parts.meters()));
    }

    /**
     * @param inputPartitions how many partitions the inputs have: a slice closes only when that
     *                        many partitions have reported their progress past it
     */
    static Topology build(TopicCatalogue topics, DriftSettings settings, DriftMetrics metrics, int inputPartitions) {
        TopologyParts parts = TopologyParts.withPartitions(topics, null, null, inputPartitions);
        add(parts, PredictionStreams.fromTopics(parts), settings, metrics);
        return parts.builder().build();
    }

    private static void add(TopologyParts parts, PredictionStreams input, DriftSettings settings, DriftMetrics metrics) {
        TrustedAvroPackages.trustEvents();
        StreamsBuilder builder = parts.builder();
        TopicCatalogue topics = parts.topics();
        String profileTopic = topics.name(TopicCatalogue.REFERENCE_PROFILES);
        parts.referenceProfiles();
        builder.addStateStore(PartialStore.builder(PREDICTION_PARTIALS, Partial::fromBytes));
        builder.addStateStore(PartialStore.builder(ERROR_PARTIALS, Partial::fromBytes));
        for (String store : new String[] {STORES.slices(), STORES.models(), STORES.captured()}) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                    Serdes.ByteArray()));
        }
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORES.clocks()),
                Serdes.String(), Serdes.Long()));

        KStream<String, byte[]> predictionPartials = input.validated()
                .process(() -> new PredictionSlicer(PREDICTION_PARTIALS, settings, metrics), Named.as("slice-predictions"),
                        PREDICTION_PARTIALS);
        KStream<String, byte[]> errorPartials = input.labeled()
                .process(() -> new ErrorSlicer(ERROR_PARTIALS, settings, metrics), Named.as("slice-errors"),
                        ERROR_PARTIALS);

        var profileDeserializer = topics.valueSerde(TopicCatalogue.REFERENCE_PROFILES).deserializer();
        int inputPartitions = input.partitions();
        Map<String, KStream<String, SpecificRecord>> outputs = predictionPartials
                .merge(errorPartials, Named.as("merge-drift-partials"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName("drift-partials")
                        .withStreamPartitioner(new PartialPartitioner()))
                .process(() -> new MergeProcessor(settings, STORES, profileDeserializer, profileTopic, metrics,
                                inputPartitions),
                        Named.as("merge-and-test"), STORES.slices(), STORES.models(), STORES.clocks(), STORES.captured())
                .split(Named.as("route-drift-"))
                .branch((key, value) -> value instanceof DriftReport, Branched.as("reports"))
                .defaultBranch(Branched.as("profiles"));
        outputs.get("route-drift-reports")
                .mapValues(value -> (DriftReport) value, Named.as("as-drift-report"))
                .to(topics.name(TopicCatalogue.DRIFT_REPORTS),
                        topics.produced(TopicCatalogue.DRIFT_REPORTS).withName("write-drift-reports"));
        outputs.get("route-drift-profiles")
                .mapValues(value -> (ReferenceProfile) value, Named.as("as-reference-profile"))
                .to(profileTopic, topics.produced(TopicCatalogue.REFERENCE_PROFILES).withName("write-captured-profiles"));
    }
}
