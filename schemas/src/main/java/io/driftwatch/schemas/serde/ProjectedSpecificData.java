package io.driftwatch.schemas.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * Reads generated classes through a reader schema without some fields: Avro's schema resolution
 * skips those fields in the bytes (a map is skipped by lengths, never built), which is much
 * cheaper than decoding what a processor does not look at. The skipped fields stay null in the
 * result. Fields are set by name, since the projected schema's positions differ from the class's.
 */
final class ProjectedSpecificData extends SpecificData {

    private ProjectedSpecificData(ClassLoader loader, SpecificData conversionsFrom) {
        super(loader);
        conversionsFrom.getConversions().forEach(this::addLogicalTypeConversion);
    }

    static ProjectedSpecificData basedOn(SpecificData model) {
        return new ProjectedSpecificData(model.getClassLoader(), model);
    }

    /** The generated classes' own decoders read the class's fields in the class's order: not what a projection needs. */
    @Override
    public boolean useCustomCoders() {
        return false;
    }

    @Override
    public void setField(Object record, String name, int position, Object value) {
        IndexedRecord indexed = (IndexedRecord) record;
        indexed.put(indexed.getSchema().getField(name).pos(), value);
    }

    @Override
    public void setField(Object record, String name, int position, Object value, Object state) {
        setField(record, name, position, value);
    }

    /** The schema without the named fields, in every record it holds (nested records, arrays, maps, unions). */
    static Schema without(Schema schema, Set<String> skipped) {
        return copy(schema, skipped, new HashMap<>());
    }

    private static Schema copy(Schema schema, Set<String> skipped, Map<String, Schema> done) {
        switch (schema.getType()) {
            case RECORD -> {
                Schema existing = done.get(schema.getFullName());
                if (existing != null) {
                    return existing;
                }
                Schema record = Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(),
                        schema.isError());
                schema.getObjectProps().forEach(record::addProp);
                done.put(schema.getFullName(), record);
                List<Schema.Field> fields = new ArrayList<>();
                for (Schema.Field field : schema.getFields()) {
                    if (!skipped.contains(field.name())) {
                        fields.add(new Schema.Field(field, copy(field.schema(), skipped, done)));
                    }
                }
                record.setFields(fields);
                return record;
            }
            case ARRAY -> {
                return withProps(schema, Schema.createArray(copy(schema.getElementType(), skipped, done)));
            }
            case MAP -> {
                // The map's own properties say how its keys are read (avro.java.string: String, not Utf8).
                return withProps(schema, Schema.createMap(copy(schema.getValueType(), skipped, done)));
            }
            case UNION -> {
                return Schema.createUnion(schema.getTypes().stream().map(t -> copy(t, skipped, done)).toList());
            }
            default -> {
                return schema;
            }
        }
    }

    private static Schema withProps(Schema from, Schema to) {
        from.getObjectProps().forEach(to::addProp);
        return to;
    }
}
