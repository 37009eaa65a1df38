package io.driftwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.QualityIssue;
import io.driftwatch.events.QualityIssueKind;
import io.driftwatch.schemas.registry.RegistryClientConfig;
import io.driftwatch.schemas.registry.server.EmbeddedSchemaRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProjectedDeserializerTest {

    private static final Set<String> FEATURES = Set.of("numeric_features", "categorical_features");
    private static EmbeddedSchemaRegistry registry;
    private static AvroSerdes serdes;

    @BeforeAll
    static void start() {
        registry = EmbeddedSchemaRegistry.builder().start();
        serdes = AvroSerdes.fromConfig(Map.of(RegistryClientConfig.URL, registry.url()));
        TrustedAvroPackages.trustEvents();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private static PredictionEvent prediction() {
        return PredictionEvent.newBuilder().setPredictionId("p1").setModelId("m").setModelVersion("3")
                .setEventTime(Instant.parse("2026-11-22T10:00:00Z"))
                .setNumericFeatures(Map.of("a", 1.5, "b", 2.5)).setCategoricalFeatures(Map.of("c", "x"))
                .setScore(0.7).setPredictedLabel("1").setClassProbabilities(Map.of("1", 0.7, "0", 0.3))
                .setSegments(Map.of("country", "DE")).setServingLatencyMs(12.0)
                .setQualityIssues(List.of(QualityIssue.newBuilder().setFeature("a").setKind(QualityIssueKind.MISSING).build()))
                .build();
    }

    @Test
    void shouldReadEverythingButTheSkippedFields() {
        PredictionEvent full = prediction();
        byte[] bytes = serdes.valueSerde(PredictionEvent.class).serializer().serialize("t", full);
        Deserializer<PredictionEvent> projected = serdes.projectedValueDeserializer(PredictionEvent.class, FEATURES);

        PredictionEvent read = projected.deserialize("t", bytes);
        assertThat(read.getNumericFeatures()).isNull();
        assertThat(read.getCategoricalFeatures()).isNull();
        PredictionEvent expected = PredictionEvent.newBuilder(full).build();
        expected.setNumericFeatures(null);
        expected.setCategoricalFeatures(null);
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void shouldSkipTheFieldsInNestedRecordsToo() {
        LabeledPrediction full = LabeledPrediction.newBuilder().setPrediction(prediction())
                .setGroundTruth(GroundTruthEvent.newBuilder().setPredictionId("p1").setModelId("m")
                        .setEventTime(Instant.parse("2026-11-22T10:05:00Z")).setActualLabel("0")
                        .setOutcomes(Map.of("revenue", 3.0)).build())
                .setLabelDelayMs(300_000).setCorrection(false).build();
        byte[] bytes = serdes.valueSerde(LabeledPrediction.class).serializer().serialize("t2", full);

        LabeledPrediction read = serdes.projectedValueDeserializer(LabeledPrediction.class, FEATURES).deserialize("t2", bytes);
        assertThat(read.getPrediction().getNumericFeatures()).isNull();
        assertThat(read.getPrediction().getScore()).isEqualTo(0.7);
        assertThat(read.getPrediction().getQualityIssues()).isEqualTo(full.getPrediction().getQualityIssues());
        assertThat(read.getPrediction().getEventTime()).isEqualTo(full.getPrediction().getEventTime());
        assertThat(read.getGroundTruth()).isEqualTo(full.getGroundTruth());
        assertThat(read.getLabelDelayMs()).isEqualTo(300_000);
    }
}
