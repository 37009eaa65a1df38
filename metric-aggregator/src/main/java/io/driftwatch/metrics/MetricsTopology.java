package io.driftwatch.metrics;

import io.driftwatch.metrics.config.MetricsSettings;
import io.driftwatch.runtime.partials.PartialPartitioner;
import io.driftwatch.runtime.partials.PartialStore;
import io.driftwatch.runtime.streams.PredictionSink;
import io.driftwatch.runtime.streams.PredictionStreams;
import io.driftwatch.runtime.streams.StreamsApp;
import io.driftwatch.runtime.streams.TopologyParts;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The metric aggregator: validated and labelled predictions in; metric snapshots out.
 *
 * <pre>
 * read-validated ─► summarise-predictions [prediction partials] ─┐
 * read-labeled ───► summarise-labels      [label partials] ──────┴─► metrics-partials (repartition by model version)
 *                                                                          │
 *              merge-windows [windows, revised, clocks, rollups, snapshots, captured-references] ─► write-metrics
 *                               ▲ global store: reference profiles (calibration for estimated performance)
 * </pre>
 *
 * Each partition summarises its own records; only summaries are repartitioned, so a hot model is
 * not bound to one partition (docs/architecture.md, "Summaries that scale past one partition").
 * In the fused pipeline the summarisers sit behind ingest's join instead of the two reads.
 */
public final class MetricsTopology implements StreamsApp, PredictionSink {

    public static final String NAME = "metrics";
    static final String PREDICTION_PARTIALS = "metrics-prediction-partials";
    static final String LABEL_PARTIALS = "metrics-label-partials";
    static final WindowMerger.Stores STORES = new WindowMerger.Stores("metrics-windows", "metrics-revised",
            "metrics-clocks", "metrics-rollups", MetricsQueries.STORE, TopologyParts.REFERENCE_PROFILES,
            "metrics-captured-references");

    @Override
    public String name() {
        return NAME;
    }

    /** The metric aggregator alone, reading the validated and labelled topics. */
    @Override
    public Topology topology(TopologyParts parts) {
        return fromTopics(parts);
    }

    @Override
    public void addTo(TopologyParts parts, PredictionStreams predictions) {
        add(parts, predictions, MetricsSettings.from(parts.config()), new MetricsMetrics(parts.meters()));
    }

    /** @param inputPartitions how many partitions the inputs have (see {@code Watermarks}) */
    static Topology build(TopicCatalogue topics, MetricsSettings settings, MetricsMetrics metrics, int inputPartitions) {
        TopologyParts parts = TopologyParts.withPartitions(topics, null, null, inputPartitions);
        add(parts, PredictionStreams.fromTopics(parts), settings, metrics);
        return parts.builder().build();
    }

    private static void add(TopologyParts parts, PredictionStreams input, MetricsSettings settings, MetricsMetrics metrics) {
        TrustedAvroPackages.trustEvents();
        StreamsBuilder builder = parts.builder();
        TopicCatalogue topics = parts.topics();
        String profiles = parts.referenceProfiles();
        var profileDeserializer = topics.valueSerde(TopicCatalogue.REFERENCE_PROFILES).deserializer();
        String profileTopic = topics.name(TopicCatalogue.REFERENCE_PROFILES);
        builder.addStateStore(PartialStore.builder(PREDICTION_PARTIALS, MetricPartial::fromBytes));
        builder.addStateStore(PartialStore.builder(LABEL_PARTIALS, MetricPartial::fromBytes));
        for (String store : new String[] {STORES.windows(), STORES.revised(), STORES.rollups(), STORES.snapshots(),
                STORES.captured()}) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                    Serdes.ByteArray()));
        }
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORES.clocks()),
                Serdes.String(), Serdes.Long()));

        KStream<String, byte[]> predictions = input.validated()
                .process(() -> new PredictionSummarizer(PREDICTION_PARTIALS, settings, profiles,
                                new PublishedClassCalibrations(profileDeserializer, profileTopic)),
                        Named.as("summarise-predictions"),
                        PREDICTION_PARTIALS);
        KStream<String, byte[]> labels = input.labeled()
                .process(() -> new LabelSummarizer(LABEL_PARTIALS, settings), Named.as("summarise-labels"),
                        LABEL_PARTIALS);
        int inputPartitions = input.partitions();
        predictions.merge(labels, Named.as("merge-metrics-partials"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName("metrics-partials")
                        .withStreamPartitioner(new PartialPartitioner()))
                .process(() -> new WindowMerger(settings, STORES, inputPartitions, metrics,
                                new EstimationReferences(profileDeserializer, profileTopic, settings.captureLabels())),
                        Named.as("merge-windows"), STORES.windows(), STORES.revised(), STORES.clocks(), STORES.rollups(),
                        STORES.snapshots(), STORES.captured())
                .to(topics.name(TopicCatalogue.METRICS), topics.produced(TopicCatalogue.METRICS).withName("write-metrics"));
    }
}
