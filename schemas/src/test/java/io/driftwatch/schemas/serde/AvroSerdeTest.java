package io.driftwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.QualityIssue;
import io.driftwatch.events.QualityIssueKind;
import io.driftwatch.schemas.TestSchemas;
import io.driftwatch.schemas.registry.RegistryClientConfig;
import io.driftwatch.schemas.registry.RegistryUnavailableException;
import io.driftwatch.schemas.registry.server.EmbeddedSchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private static final String TOPIC = "driftwatch.predictions.v1";
    private static EmbeddedSchemaRegistry registry;
    private static AvroSerdes serdes;

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedSchemaRegistry.builder().start();
        serdes = AvroSerdes.fromConfig(Map.of(RegistryClientConfig.URL, registry.url()));
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    static PredictionEvent prediction(String id) {
        return PredictionEvent.newBuilder()
                .setPredictionId(id)
                .setModelId("propensity")
                .setModelVersion("3")
                .setEventTime(Instant.parse("2026-11-22T10:15:30.123Z"))
                .setNumericFeatures(Map.of("basket_value", 42.5, "visits_30d", 7.0))
                .setCategoricalFeatures(Map.of("device", "mobile"))
                .setScore(0.73)
                .setPredictedLabel("1")
                .setClassProbabilities(Map.of("0", 0.27, "1", 0.73))
                .setSegments(Map.of("country", "DE"))
                .setServingLatencyMs(12.5)
                .setQualityIssues(List.of(new QualityIssue("visits_30d", QualityIssueKind.OUT_OF_RANGE)))
                .build();
    }

    @Test
    void shouldRoundTripSpecificRecord() {
        Serde<PredictionEvent> serde = serdes.valueSerde(PredictionEvent.class);
        PredictionEvent event = prediction("p-1");

        byte[] bytes = serde.serializer().serialize(TOPIC, event);

        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(event);
    }

    @Test
    void shouldWriteMagicByteSchemaIdAndPlainAvroBinary() throws IOException {
        PredictionEvent event = prediction("p-2");
        byte[] bytes = serdes.valueSerde(PredictionEvent.class).serializer().serialize(TOPIC, event);
        int id = serdes.registry().lookUpId(TOPIC + "-value", PredictionEvent.getClassSchema());

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(0);
        expected.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(expected, null);
        new SpecificDatumWriter<>(PredictionEvent.class).write(event, encoder);
        encoder.flush();

        assertThat(bytes).isEqualTo(expected.toByteArray());
    }

    @Test
    void shouldRegisterUnderTopicNameSubjectsForKeysAndValues() {
        serdes.keySerde(PredictionEvent.class).serializer().serialize("keyed-topic", prediction("k"));

        assertThat(serdes.registry().latestVersion("keyed-topic-key").schema())
                .isEqualTo(PredictionEvent.getClassSchema());
    }

    @Test
    void shouldReadNewerWriterSchemaIntoOlderSpecificClass() throws IOException {
        Schema v2 = TestSchemas.predictionEventV2();
        PredictionEvent v1 = prediction("p-3");
        GenericRecord v2Record = asGeneric(v1, v2);
        v2Record.put("request_region", "eu-west");

        byte[] bytes = serdes.genericValueSerde(null).serializer().serialize("evolving", v2Record);
        PredictionEvent read = serdes.valueSerde(PredictionEvent.class).deserializer().deserialize("evolving", bytes);

        assertThat(read).isEqualTo(v1);
    }

    @Test
    void shouldReadOlderWriterSchemaWithNewerReaderFillingDefaults() throws IOException {
        Schema v2 = TestSchemas.predictionEventV2();
        byte[] bytes = serdes.valueSerde(PredictionEvent.class).serializer().serialize("evolving-2", prediction("p-4"));

        GenericRecord read = serdes.genericValueSerde(v2).deserializer().deserialize("evolving-2", bytes);

        assertThat(read.get("prediction_id").toString()).isEqualTo("p-4");
        assertThat(read.get("request_region")).isNull();
    }

    @Test
    void shouldRaisePoisonPillForTooShortRecord() {
        assertPoison(new byte[]{0, 0, 0}, PoisonPillException.Reason.TOO_SHORT);
    }

    @Test
    void shouldRaisePoisonPillForWrongMagicByte() {
        byte[] bytes = serdes.valueSerde(PredictionEvent.class).serializer().serialize(TOPIC, prediction("p-5"));
        bytes[0] = 1;
        assertPoison(bytes, PoisonPillException.Reason.BAD_MAGIC_BYTE);
    }

    @Test
    void shouldRaisePoisonPillForUnknownSchemaId() {
        byte[] bytes = serdes.valueSerde(PredictionEvent.class).serializer().serialize(TOPIC, prediction("p-6"));
        ByteBuffer.wrap(bytes).putInt(1, 999_999);
        assertPoison(bytes, PoisonPillException.Reason.UNKNOWN_SCHEMA_ID);
    }

    @Test
    void shouldRaisePoisonPillForUndecodablePayload() {
        byte[] bytes = serdes.valueSerde(PredictionEvent.class).serializer().serialize(TOPIC, prediction("p-7"));
        assertPoison(Arrays.copyOf(bytes, 12), PoisonPillException.Reason.UNDECODABLE);
    }

    @Test
    void shouldRaisePoisonPillForARecordOfAnotherTypeEvenIfItsFieldsWouldResolve() {
        // Every field of GroundTruthEvent is in PredictionEvent or has a default: Avro's resolution
        // alone would read a prediction as a ground truth without its label.
        byte[] bytes = serdes.valueSerde(PredictionEvent.class).serializer().serialize(TOPIC, prediction("p-9"));
        assertThatThrownBy(() -> serdes.valueSerde(GroundTruthEvent.class).deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(PoisonPillException.class)
                .hasMessageContaining("io.driftwatch.events.PredictionEvent) cannot be read as io.driftwatch.events.GroundTruthEvent")
                .satisfies(e -> assertThat(((PoisonPillException) e).reason()).isEqualTo(PoisonPillException.Reason.UNDECODABLE));
    }

    @Test
    void shouldRaiseTransientErrorNotPoisonPillWhenRegistryIsDown() throws IOException {
        byte[] bytes = serdes.valueSerde(PredictionEvent.class).serializer().serialize(TOPIC, prediction("p-8"));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AvroSerdes offline = AvroSerdes.fromConfig(Map.of(
                RegistryClientConfig.URL, "http://127.0.0.1:" + closedPort,
                RegistryClientConfig.MAX_RETRIES, 1,
                RegistryClientConfig.RETRY_BACKOFF_MS, 10));

        assertThatThrownBy(() -> offline.valueSerde(PredictionEvent.class).deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(RegistryUnavailableException.class)
                .isNotInstanceOf(PoisonPillException.class)
                .hasMessageContaining("after 2 attempts");
    }

    @Test
    void shouldRefuseValueSerdeConfiguredForKeys() {
        Serde<PredictionEvent> valueSerde = serdes.valueSerde(PredictionEvent.class);

        assertThatThrownBy(() -> valueSerde.configure(Map.of(), true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("built for values is being configured for keys");
    }

    @Test
    void shouldWorkWhenInstantiatedByKafkaFromConfiguration() {
        Map<String, Object> configs = Map.of(RegistryClientConfig.URL, registry.url(),
                SerdeSettings.SPECIFIC_READER, "true");
        AvroSerializer<PredictionEvent> serializer = new AvroSerializer<>();
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>();
        serializer.configure(configs, false);
        deserializer.configure(configs, false);

        Object read = deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, prediction("p-9")));

        assertThat(read).isEqualTo(prediction("p-9"));
    }

    @Test
    void shouldPassNullThroughAsTombstone() {
        Serde<PredictionEvent> serde = serdes.valueSerde(PredictionEvent.class);
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    /** The event as a generic record of another (compatible) schema, through Avro's own resolution. */
    private static GenericRecord asGeneric(PredictionEvent event, Schema readerSchema) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(PredictionEvent.class).write(event, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(event.getSchema(), readerSchema)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static void assertPoison(byte[] bytes, PoisonPillException.Reason reason) {
        assertThatThrownBy(() -> serdes.valueSerde(PredictionEvent.class).deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(PoisonPillException.class)
                .satisfies(e -> assertThat(((PoisonPillException) e).reason()).isEqualTo(reason));
    }
}
