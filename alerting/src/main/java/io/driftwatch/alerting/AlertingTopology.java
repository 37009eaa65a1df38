package io.driftwatch.alerting;

import io.driftwatch.alerting.config.AlertingSettings;
import io.driftwatch.events.Alert;
import io.driftwatch.events.RetrainingTrigger;
import io.driftwatch.runtime.streams.StreamsApp;
import io.driftwatch.runtime.streams.TopologyParts;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Alerting: metric snapshots and drift reports in; alerts and retraining triggers out.
 *
 * <pre>
 * read-metrics ──────► key-metrics-by-model ─┐
 * read-drift ────────► key-drift-by-model ───┤
 * read-dead-letters ─► key-dead-letters ─────┴─► alerting-by-model (repartition) ─► evaluate-rules [alerts, models]
 *                                                                                      ├─► write-alerts
 *                                                                                      └─► write-triggers
 * </pre>
 *
 * The inputs are few (one snapshot or report per model, version and window), so re-keying them
 * by model costs little and puts all of a model's alerts and its retraining state in one task.
 */
public final class AlertingTopology implements StreamsApp {

    public static final String NAME = "alerting";
    static final String ALERT_STORE = "alerting-alerts";
    static final String MODEL_STORE = "alerting-models";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Topology topology(TopologyParts parts) {
        return build(parts.topics(), AlertingSettings.from(parts.config()), new AlertingMetrics(parts.meters()));
    }

    static Topology build(TopicCatalogue topics, AlertingSettings settings, AlertingMetrics metrics) {
        TrustedAvroPackages.trustEvents();
        StreamsBuilder builder = new StreamsBuilder();
        for (String store : new String[] {ALERT_STORE, MODEL_STORE}) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                    Serdes.ByteArray()));
        }
        KStream<String, Object> snapshots = builder
                .stream(topics.name(TopicCatalogue.METRICS), topics.consumed(TopicCatalogue.METRICS).withName("read-metrics"))
                .filter((key, snapshot) -> snapshot != null, Named.as("skip-empty-metrics"))
                .map((key, snapshot) -> KeyValue.pair(snapshot.getModelId(), (Object) snapshot),
                        Named.as("key-metrics-by-model"));
        KStream<String, Object> reports = builder
                .stream(topics.name(TopicCatalogue.DRIFT_REPORTS),
                        topics.consumed(TopicCatalogue.DRIFT_REPORTS).withName("read-drift"))
                .filter((key, report) -> report != null, Named.as("skip-empty-drift"))
                .map((key, report) -> KeyValue.pair(report.getModelId(), (Object) report),
                        Named.as("key-drift-by-model"));
        KStream<String, Object> deadLetters = builder
                .stream(topics.name(TopicCatalogue.DEAD_LETTER),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-dead-letters"))
                .process(DeadLetterReader::new, Named.as("key-dead-letters"));
        Map<String, KStream<String, SpecificRecord>> outputs = snapshots
                .merge(reports, Named.as("merge-inputs"))
                .merge(deadLetters, Named.as("merge-dead-letters"))
                .repartition(Repartitioned.with(Serdes.String(), EventSerde.of(topics)).withName("alerting-by-model"))
                .process(() -> new AlertProcessor(settings, ALERT_STORE, MODEL_STORE, metrics), Named.as("evaluate-rules"),
                        ALERT_STORE, MODEL_STORE)
                .split(Named.as("route-"))
                .branch((key, value) -> value instanceof Alert, Branched.as("alerts"))
                .defaultBranch(Branched.as("triggers"));
        outputs.get("route-alerts")
                .mapValues(value -> (Alert) value, Named.as("as-alert"))
                .to(topics.name(TopicCatalogue.ALERTS), topics.produced(TopicCatalogue.ALERTS).withName("write-alerts"));
        outputs.get("route-triggers")
                .mapValues(value -> (RetrainingTrigger) value, Named.as("as-trigger"))
                .to(topics.name(TopicCatalogue.RETRAINING_TRIGGERS),
                        topics.produced(TopicCatalogue.RETRAINING_TRIGGERS).withName("write-triggers"));
        return builder.build();
    }
}
