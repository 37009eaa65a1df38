package io.driftwatch.schemas.serde;

import io.driftwatch.schemas.registry.RegistryClientConfig;
import io.driftwatch.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro specific or generic records in Confluent's wire format, registering the writer
 * schema (or, with {@code auto.register.schemas=false}, only looking it up).
 *
 * <p>Build it with {@link AvroSerdes}; the no-argument constructor exists for Kafka clients
 * that instantiate serializers from configuration ({@code value.serializer=...}).
 */
public class AvroSerializer<T> implements Serializer<T> {

    private SchemaRegistryClient registry;
    private SerdeSettings settings;
    private Boolean isKey;
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

    /** For instantiation by Kafka from configuration; {@link #configure} must follow. */
    public AvroSerializer() {
    }

    AvroSerializer(SchemaRegistryClient registry, SerdeSettings settings, boolean isKey) {
        this.registry = registry;
        this.settings = settings;
        this.isKey = isKey;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry != null) {
            AvroSerdes.checkRole(this.isKey, isKey);
            return;
        }
        this.registry = new SchemaRegistryClient(RegistryClientConfig.fromMap(configs));
        this.settings = SerdeSettings.fromMap(configs);
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new ConfigException("AvroSerializer used before configure(): build it with AvroSerdes");
        }
        if (!(data instanceof GenericContainer container)) {
            throw new SerializationException("cannot serialize " + data.getClass().getName()
                    + " as Avro: expected a specific or generic record");
        }
        Schema schema = container.getSchema();
        String subject = settings.strategy(isKey).subject(topic, isKey, schema);
        int id = settings.autoRegister() ? registry.register(subject, schema) : registry.lookUpId(subject, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        ByteBuffer header = ByteBuffer.allocate(WireFormat.HEADER_SIZE);
        WireFormat.writeHeader(header, id);
        out.writeBytes(header.array());
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer(schema, data).write(data, encoder);
            encoder.flush();
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new SerializationException("cannot serialize " + schema.getFullName() + " for topic "
                    + topic + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private DatumWriter<Object> writer(Schema schema, Object datum) {
        return writers.computeIfAbsent(schema, s -> {
            GenericData model = datum instanceof SpecificRecord
                    ? SpecificData.getForClass(datum.getClass())
                    : GenericData.get();
            return (DatumWriter<Object>) model.createDatumWriter(s);
        });
    }
}
