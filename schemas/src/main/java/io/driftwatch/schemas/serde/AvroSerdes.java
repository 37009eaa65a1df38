package io.driftwatch.schemas.serde;

import io.driftwatch.schemas.registry.RegistryClientConfig;
import io.driftwatch.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The one serde factory. Every serde it builds is already configured, with its key-or-value
 * role fixed at construction: the {@code configure(configs, isKey)} trap (a value serde silently
 * used for keys, registering under {@code <topic>-value}) becomes a startup error instead.
 */
public final class AvroSerdes {

    private final SchemaRegistryClient registry;
    private final SerdeSettings settings;

    public AvroSerdes(SchemaRegistryClient registry, SerdeSettings settings) {
        this.registry = registry;
        this.settings = settings;
    }

    /** From Confluent-style serde configs: {@code schema.registry.url}, {@code auto.register.schemas}, ... */
    public static AvroSerdes fromConfig(Map<String, ?> configs) {
        return new AvroSerdes(new SchemaRegistryClient(RegistryClientConfig.fromMap(configs)),
                SerdeSettings.fromMap(configs));
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
        return specific(type, false);
    }

    public <T extends SpecificRecord> Serde<T> keySerde(Class<T> type) {
        return specific(type, true);
    }

    /** Generic records read with the writer's schema (or {@code readerSchema} when not null). */
    public Serde<GenericRecord> genericValueSerde(Schema readerSchema) {
        return Serdes.serdeFrom(new AvroSerializer<>(registry, settings, false),
                new AvroDeserializer<>(registry, false, readerSchema, GenericData.get()));
    }

    private <T extends SpecificRecord> Serde<T> specific(Class<T> type, boolean isKey) {
        return Serdes.serdeFrom(new AvroSerializer<>(registry, settings, isKey),
                AvroDeserializer.specific(registry, isKey, type));
    }

    static void checkRole(Boolean builtForKey, boolean configuredForKey) {
        if (builtForKey != null && builtForKey != configuredForKey) {
            throw new ConfigException("an Avro serde built for " + role(builtForKey) + " is being configured for "
                    + role(configuredForKey) + ": take it from AvroSerdes." + (configuredForKey ? "keySerde" : "valueSerde"));
        }
    }

    private static String role(boolean isKey) {
        return isKey ? "keys" : "values";
    }
}
