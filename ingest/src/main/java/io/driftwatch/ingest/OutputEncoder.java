package io.driftwatch.ingest;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.schemas.serde.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Encodes ingest's two outputs without re-encoding what is already encoded; serialization is
 * most of ingest's cost. Both shortcuts rest on one fact: a schema id names exactly one schema.
 *
 * <ul>
 *   <li>A validated prediction that validation left unchanged and that was written with the very
 *       schema the validated topic uses (same id) is passed on as the bytes it arrived as.</li>
 *   <li>A LabeledPrediction's Avro body is its fields' encodings one after another, the first
 *       being the prediction: it is spliced from the stored validated bytes, which were written
 *       with Driftwatch's PredictionEvent schema, instead of decoding and re-encoding them.</li>
 * </ul>
 *
 * The first record of each output goes through the serializer, which registers the schema and
 * tells the id. {@code IngestTopologyTest} checks the spliced bytes equal the serializer's.
 */
final class OutputEncoder {

    private final String validatedTopic;
    private final Serializer<PredictionEvent> validated;
    private final Deserializer<PredictionEvent> validatedReader;
    private final String labeledTopic;
    private final Serializer<LabeledPrediction> labeled;
    private final SpecificDatumWriter<GroundTruthEvent> truthWriter = new SpecificDatumWriter<>(GroundTruthEvent.class);
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    private BinaryEncoder encoder;
    private int validatedSchemaId = -1;
    private int labeledSchemaId = -1;

    OutputEncoder(String validatedTopic, Serializer<PredictionEvent> validated, Deserializer<PredictionEvent> validatedReader,
                  String labeledTopic, Serializer<LabeledPrediction> labeled) {
        this.validatedTopic = validatedTopic;
        this.validated = validated;
        this.validatedReader = validatedReader;
        this.labeledTopic = labeledTopic;
        this.labeled = labeled;
    }

    /** @param raw the prediction's bytes as read, or null when validation changed it */
    byte[] validated(PredictionEvent prediction, byte[] raw) {
        if (raw != null && validatedSchemaId >= 0 && WireFormat.schemaId(raw) == validatedSchemaId) {
            return raw;
        }
        byte[] bytes = validated.serialize(validatedTopic, prediction);
        validatedSchemaId = WireFormat.schemaId(bytes);
        return bytes;
    }

    /** The validated prediction stored in the join state, read back. */
    PredictionEvent prediction(byte[] validatedBytes) {
        return validatedReader.deserialize(validatedTopic, validatedBytes);
    }

    /** @param validatedBytes what {@link #validated} returned for the prediction */
    byte[] labeled(byte[] validatedBytes, GroundTruthEvent truth, long delayMs, boolean correction) {
        if (labeledSchemaId < 0 || WireFormat.schemaId(validatedBytes) != validatedSchemaId) {
            byte[] bytes = labeled.serialize(labeledTopic,
                    new LabeledPrediction(prediction(validatedBytes), truth, delayMs, correction));
            labeledSchemaId = WireFormat.schemaId(bytes);
            return bytes;
        }
        try {
            buffer.reset();
            buffer.write(WireFormat.MAGIC_BYTE);
            buffer.write(ByteBuffer.allocate(4).putInt(labeledSchemaId).array());
            buffer.write(validatedBytes, WireFormat.HEADER_SIZE, validatedBytes.length - WireFormat.HEADER_SIZE);
            encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
            truthWriter.write(truth, encoder);
            encoder.writeLong(delayMs);
            encoder.writeBoolean(correction);
            encoder.flush();
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
