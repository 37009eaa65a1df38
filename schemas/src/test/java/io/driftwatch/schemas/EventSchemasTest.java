package io.driftwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.events.Alert;
import io.driftwatch.events.DriftReport;
import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.RetrainingTrigger;
import io.driftwatch.schemas.registry.CompatibilityLevel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventSchemasTest {

    static Stream<Schema> eventSchemas() {
        return Stream.of(PredictionEvent.getClassSchema(), GroundTruthEvent.getClassSchema(),
                LabeledPrediction.getClassSchema(), ReferenceProfile.getClassSchema(), MetricSnapshot.getClassSchema(),
                DriftReport.getClassSchema(), Alert.getClassSchema(), RetrainingTrigger.getClassSchema());
    }

    @ParameterizedTest
    @MethodSource("eventSchemas")
    void shouldBeFullyCompatibleWithItself(Schema schema) {
        assertThat(CompatibilityLevel.FULL.isCompatible(schema, List.of(schema))).isTrue();
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(schema, schema).getType())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @ParameterizedTest
    @MethodSource("eventSchemas")
    void shouldDocumentEveryRecordAndField(Schema schema) {
        List<String> undocumented = new ArrayList<>();
        collectUndocumented(schema, new HashSet<>(), undocumented);
        assertThat(undocumented).as("fields without a doc in " + schema.getFullName()).isEmpty();
        assertThat(schema.getNamespace()).isEqualTo("io.driftwatch.events");
    }

    @Test
    void shouldUseTimestampLogicalTypeForEventTime() {
        assertThat(PredictionEvent.getClassSchema().getField("event_time").schema().getLogicalType())
                .isEqualTo(LogicalTypes.timestampMillis());
        assertThat(GroundTruthEvent.getClassSchema().getField("event_time").schema().getLogicalType())
                .isEqualTo(LogicalTypes.timestampMillis());
    }

    @Test
    void shouldAcceptDocumentedPredictionEventV2AsBackwardAndForwardCompatible() throws IOException {
        Schema v1 = PredictionEvent.getClassSchema();
        Schema v2 = TestSchemas.predictionEventV2();
        assertThat(v2.getField("request_region")).as("v2 adds one optional field").isNotNull();

        assertThat(CompatibilityLevel.BACKWARD.isCompatible(v2, List.of(v1))).isTrue();
        assertThat(CompatibilityLevel.FORWARD.isCompatible(v2, List.of(v1))).isTrue();
        assertThat(CompatibilityLevel.FULL_TRANSITIVE.isCompatible(v2, List.of(v1))).isTrue();
    }

    @Test
    void shouldRejectRequiredFieldWithoutDefaultAsBackwardIncompatible() throws IOException {
        Schema v1 = PredictionEvent.getClassSchema();
        String text = v1.toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"tenant\",\"type\":\"string\",\"doc\":\"required, no default\"},");
        Schema breaking = new Schema.Parser().parse(text);

        assertThat(CompatibilityLevel.BACKWARD.isCompatible(breaking, List.of(v1))).isFalse();
        assertThat(CompatibilityLevel.FORWARD.isCompatible(breaking, List.of(v1))).isTrue();
        assertThat(CompatibilityLevel.NONE.isCompatible(breaking, List.of(v1))).isTrue();
    }

    private static void collectUndocumented(Schema schema, Set<String> seen, List<String> out) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                if (isBlank(schema.getDoc())) {
                    out.add("record " + schema.getFullName());
                }
                for (Schema.Field field : schema.getFields()) {
                    if (isBlank(field.doc())) {
                        out.add(schema.getName() + "." + field.name());
                    }
                    collectUndocumented(field.schema(), seen, out);
                }
            }
            case ENUM -> {
                if (seen.add(schema.getFullName()) && isBlank(schema.getDoc())) {
                    out.add("enum " + schema.getFullName());
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collectUndocumented(t, seen, out));
            case ARRAY -> collectUndocumented(schema.getElementType(), seen, out);
            case MAP -> collectUndocumented(schema.getValueType(), seen, out);
            default -> {
            }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
