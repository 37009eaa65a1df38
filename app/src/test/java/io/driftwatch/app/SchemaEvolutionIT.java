package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.events.PredictionEvent;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.registry.CompatibilityLevel;
import io.driftwatch.schemas.registry.RegistryRequestException;
import io.driftwatch.schemas.registry.SchemaRegistryClient;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Schema evolution (issue: reliability; docs/reliability.md): with the predictions' subject at
 * FULL_TRANSITIVE, producers move from PredictionEvent v1 to v2 (an added optional field) while
 * {@code driftwatch run --only pipeline} reads with v1 in a child JVM, which is then restarted as an
 * upgrade would: every record of the mixed topic is processed, none dead-lettered. An
 * incompatible v3 is refused with 409, and the producer's error says why.
 */
class SchemaEvolutionIT {

    @RegisterExtension
    static final KafkaTestCluster kafka = new KafkaTestCluster();

    private static final int PER_PHASE = 300;

    @Test
    void aMixedV1AndV2TopicShouldBeReadWholeAndAnIncompatibleV3Refused() throws Exception {
        TrustedAvroPackages.trustEvents();
        String prefix = "evolve" + UUID.randomUUID().toString().substring(0, 6);
        Path dir = KafkaTestCluster.tempDir("evolve");
        DriftwatchProcess driftwatch = DriftwatchProcess.create(dir, 0, DriftwatchProcess.sections(
                kafka.bootstrapServers(), kafka.registryUrl(), prefix, "partitions: 2"), "--only", "pipeline");
        DriftwatchConfig settings = driftwatch.settings();
        kafka.createTopics(settings);
        TopicCatalogue topics = kafka.catalogue(settings);
        String input = topics.name(TopicCatalogue.PREDICTIONS);
        SchemaRegistryClient registry = kafka.serdes().registry();
        registry.setCompatibility(input + "-value", CompatibilityLevel.FULL_TRANSITIVE);

        Schema v2 = withField(",{\"name\":\"region\",\"type\":[\"null\",\"string\"],\"default\":null}");
        Schema v3 = withField(",{\"name\":\"tenant\",\"type\":\"string\"}"); // required: old data cannot be read as v3
        Serializer<GenericRecord> generic = kafka.serdes().genericValueSerde(null).serializer();
        try (driftwatch) {
            driftwatch.start(Duration.ofMinutes(2));
            Map<String, PredictionEvent> v1Records = new HashMap<>();
            for (int i = 0; i < PER_PHASE; i++) {
                v1Records.put("v1-" + i, prediction("v1-" + i));
            }
            kafka.produce(input, new StringSerializer(), topics.valueSerde(TopicCatalogue.PREDICTIONS).serializer(), v1Records);
            kafka.produce(input, new StringSerializer(), generic, v2Records("v2-", v2));

            driftwatch.close(); // the upgrade: an orderly stop and a start on the same state
            driftwatch.start(Duration.ofMinutes(2));
            kafka.produce(input, new StringSerializer(), generic, v2Records("v2-after-", v2));

            List<ConsumerRecord<String, PredictionEvent>> validated = kafka.awaitRecords(
                    topics.name(TopicCatalogue.VALIDATED_PREDICTIONS), new StringDeserializer(),
                    topics.valueSerde(TopicCatalogue.VALIDATED_PREDICTIONS).deserializer(), 3 * PER_PHASE);
            assertThat(validated).extracting(r -> r.value().getPredictionId()).doesNotHaveDuplicates()
                    .hasSize(3 * PER_PHASE).contains("v1-0", "v2-0", "v2-after-0");
            assertThat(registry.latestVersion(input + "-value").version()).isEqualTo(2);

            GenericRecord base = v2Records("v3-", v2).get("v3-0");
            GenericRecord incompatible = new GenericData.Record(v3);
            v3.getFields().forEach(f -> incompatible.put(f.name(), f.name().equals("tenant") ? "t" : base.get(f.name())));
            assertThatThrownBy(() -> generic.serialize(input, incompatible))
                    .isInstanceOfSatisfying(RegistryRequestException.class, e -> assertThat(e.httpStatus()).isEqualTo(409))
                    .hasMessageContaining("incompatible with an earlier schema for subject \"" + input + "-value\"")
                    .hasMessageContaining("FULL_TRANSITIVE")
                    .hasMessageContaining("HTTP 409");
            assertThat(registry.latestVersion(input + "-value").version()).isEqualTo(2);

            assertThat(kafka.readAll(topics.name(TopicCatalogue.DEAD_LETTER), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())).as("dead letters").isEmpty();
            assertThat(driftwatch.alive()).as(driftwatch.logTail()).isTrue();
        }
    }

    private static PredictionEvent prediction(String id) {
        return PredictionEvent.newBuilder().setPredictionId(id).setModelId("m").setModelVersion("1")
                .setEventTime(Instant.now().minusSeconds(60)).setNumericFeatures(Map.of("x", 1.0))
                .setCategoricalFeatures(Map.of()).setScore(0.7).setPredictedLabel("1").build();
    }

    /** PredictionEvent's schema with one more field. */
    private static Schema withField(String field) {
        String v1 = PredictionEvent.getClassSchema().toString();
        int end = v1.lastIndexOf(']'); // the end of the top-level fields, which Avro writes last
        Schema schema = new Schema.Parser().parse(v1.substring(0, end) + field + v1.substring(end));
        assertThat(schema.getFields()).hasSize(PredictionEvent.getClassSchema().getFields().size() + 1);
        return schema;
    }

    /** Predictions written with the v2 schema, region set. */
    private static Map<String, GenericRecord> v2Records(String idPrefix, Schema v2) throws IOException {
        Map<String, GenericRecord> records = new HashMap<>();
        for (int i = 0; i < PER_PHASE; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<>(PredictionEvent.class).write(prediction(idPrefix + i), encoder);
            encoder.flush();
            GenericRecord record = new GenericDatumReader<GenericRecord>(PredictionEvent.getClassSchema(), v2)
                    .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
            record.put("region", "eu");
            records.put(idPrefix + i, record);
        }
        return records;
    }
}
