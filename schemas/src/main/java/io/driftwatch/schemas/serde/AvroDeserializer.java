package io.driftwatch.schemas.serde;

import io.driftwatch.schemas.registry.RegistryClientConfig;
import io.driftwatch.schemas.registry.RegistryErrorCodes;
import io.driftwatch.schemas.registry.RegistryRequestException;
import io.driftwatch.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format Avro: resolves the writer schema by the id in the header (never
 * registering anything) and reads with the reader schema, so producers on an older or newer
 * compatible schema are understood.
 *
 * <p>Unreadable bytes raise {@link PoisonPillException}; an unreachable registry raises
 * {@link io.driftwatch.schemas.registry.RegistryUnavailableException}.
 */
public class AvroDeserializer<T> implements Deserializer<T> {

    static final String EVENTS_PACKAGE = "io.driftwatch.events";

    private SchemaRegistryClient registry;
    private Boolean isKey;
    /** Reader schema; null reads with the writer schema. */
    private Schema readerSchema;
    /** Model that builds the result: specific classes (with logical-type conversions) or generic records. */
    private GenericData model;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /** For instantiation by Kafka from configuration; {@link #configure} must follow. */
    public AvroDeserializer() {
    }

    AvroDeserializer(SchemaRegistryClient registry, boolean isKey, Schema readerSchema, GenericData model) {
        this.registry = registry;
        this.isKey = isKey;
        this.readerSchema = readerSchema;
        this.model = model;
    }

    /** Reads into the generated class {@code type}, whatever compatible schema wrote the bytes. */
    static <T extends SpecificRecord> AvroDeserializer<T> specific(SchemaRegistryClient registry, boolean isKey,
                                                                   Class<T> type) {
        TrustedAvroPackages.trust(type.getPackageName());
        return new AvroDeserializer<>(registry, isKey, SpecificData.get().getSchema(type),
                SpecificData.getForClass(type));
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry != null) {
            AvroSerdes.checkRole(this.isKey, isKey);
            return;
        }
        this.registry = new SchemaRegistryClient(RegistryClientConfig.fromMap(configs));
        this.isKey = isKey;
        // With specific.avro.reader, each writer's own generated class is looked up by full name;
        // Driftwatch's events are trusted, other packages need Avro's org.apache.avro.SERIALIZABLE_PACKAGES.
        boolean specific = SerdeSettings.bool(configs, SerdeSettings.SPECIFIC_READER, false);
        if (specific) {
            TrustedAvroPackages.trust(EVENTS_PACKAGE);
        }
        this.model = specific ? SpecificData.get() : GenericData.get();
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new ConfigException("AvroDeserializer used before configure(): build it with AvroSerdes");
        }
        int id = WireFormat.schemaId(data);
        DatumReader<T> reader = reader(id);
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
                    data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new PoisonPillException(PoisonPillException.Reason.UNDECODABLE,
                    "payload of " + (data.length - WireFormat.HEADER_SIZE) + " bytes does not decode with schema id "
                            + id + " on topic " + topic + ": " + e, e);
        }
    }

    private DatumReader<T> reader(int id) {
        DatumReader<T> cached = readers.get(id);
        if (cached != null) {
            return cached;
        }
        Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (RegistryRequestException e) {
            if (e.errorCode() == RegistryErrorCodes.SCHEMA_NOT_FOUND) {
                throw new PoisonPillException(PoisonPillException.Reason.UNKNOWN_SCHEMA_ID,
                        "schema id " + id + " is not registered", e);
            }
            throw e;
        }
        DatumReader<T> reader = createReader(writer, id);
        readers.putIfAbsent(id, reader);
        return reader;
    }

    /**
     * A reader resolving the writer schema to the reader schema. Avro's resolution alone would read
     * a record of another type whose fields happen to match (a prediction on the ground-truth
     * topic); Avro's own compatibility check also compares the record names, so it refuses that.
     */
    @SuppressWarnings("unchecked")
    private DatumReader<T> createReader(Schema writer, int id) {
        if (readerSchema != null) {
            SchemaCompatibility.SchemaPairCompatibility compatibility =
                    SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
            if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw new PoisonPillException(PoisonPillException.Reason.UNDECODABLE, "writer schema id " + id + " ("
                        + writer.getFullName() + ") cannot be read as " + readerSchema.getFullName() + ": "
                        + compatibility.getResult().getIncompatibilities().get(0).getMessage(), null);
            }
        }
        try {
            return (DatumReader<T>) model.createDatumReader(writer, readerSchema == null ? writer : readerSchema);
        } catch (AvroRuntimeException e) {
            throw new PoisonPillException(PoisonPillException.Reason.UNDECODABLE,
                    "writer schema id " + id + " cannot be read as " + (readerSchema == null ? writer : readerSchema)
                            .getFullName() + ": " + e.getMessage(), e);
        }
    }
}
