package io.driftwatch.schemas.registry.server;

import io.driftwatch.schemas.registry.CompatibilityLevel;
import io.driftwatch.schemas.registry.RegistryErrorCodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The registry's state and rules: global schema ids shared across subjects, versions per
 * subject, compatibility levels. Every change goes to the {@link SchemaLog} first.
 * One writer per log: two registries sharing one topic could hand out the same id.
 */
final class SchemaRepository {

    /** A subject's version as the REST API reports it. */
    record Version(String subject, int version, int id, String schema) {
    }

    private final SchemaLog log;
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByCanonicalSchema = new HashMap<>();
    private final Map<String, List<Integer>> subjectVersions = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int lastId;

    SchemaRepository(SchemaLog log) {
        this.log = log;
        log.replay().forEach(this::apply);
    }

    synchronized int register(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        String canonical = schema.toString();
        List<Integer> versions = subjectVersions.getOrDefault(subject, List.of());
        for (int id : versions) {
            if (schemasById.get(id).equals(canonical)) {
                return id;
            }
        }
        List<Schema> existing = versions.stream().map(id -> parse(schemasById.get(id))).toList();
        CompatibilityLevel level = level(subject);
        if (!level.isCompatible(schema, existing)) {
            throw RegistryError.of(RegistryErrorCodes.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                            + "\" under compatibility level " + level);
        }
        int id = idsByCanonicalSchema.getOrDefault(canonical, lastId + 1);
        SchemaLogEntry entry = new SchemaLogEntry.SchemaVersion(subject, versions.size() + 1, id, canonical);
        log.append(entry);
        apply(entry);
        return id;
    }

    synchronized Version lookUp(String subject, String schemaText) {
        String canonical = parse(schemaText).toString();
        List<Integer> versions = versionsOf(subject);
        for (int i = 0; i < versions.size(); i++) {
            if (schemasById.get(versions.get(i)).equals(canonical)) {
                return new Version(subject, i + 1, versions.get(i), canonical);
            }
        }
        throw RegistryError.of(RegistryErrorCodes.SCHEMA_NOT_FOUND, "Schema not found");
    }

    synchronized String schemaById(int id) {
        String schema = schemasById.get(id);
        if (schema == null) {
            throw RegistryError.of(RegistryErrorCodes.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schema;
    }

    synchronized List<String> subjects() {
        return List.copyOf(subjectVersions.keySet());
    }

    synchronized List<Integer> versionNumbers(String subject) {
        int count = versionsOf(subject).size();
        List<Integer> numbers = new ArrayList<>(count);
        for (int v = 1; v <= count; v++) {
            numbers.add(v);
        }
        return numbers;
    }

    /** @param version a version number, or "latest" / "-1" */
    synchronized Version version(String subject, String version) {
        List<Integer> versions = versionsOf(subject);
        int number = parseVersion(version, versions.size());
        if (number < 1 || number > versions.size()) {
            throw RegistryError.of(RegistryErrorCodes.VERSION_NOT_FOUND, "Version " + version + " not found.");
        }
        int id = versions.get(number - 1);
        return new Version(subject, number, id, schemasById.get(id));
    }

    /** Would the schema be accepted after the given version? A subject with no versions accepts anything. */
    synchronized boolean isCompatible(String subject, String version, String schemaText) {
        Schema schema = parse(schemaText);
        if (!subjectVersions.containsKey(subject) && isLatest(version)) {
            return true;
        }
        CompatibilityLevel level = level(subject);
        List<Integer> versions = versionsOf(subject);
        List<Schema> against = isLatest(version)
                ? versions.stream().map(id -> parse(schemasById.get(id))).toList()
                : List.of(parse(version(subject, version).schema()));
        return level.isCompatible(schema, against);
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    /** @param subject null for the global level */
    synchronized void setLevel(String subject, CompatibilityLevel level) {
        SchemaLogEntry entry = new SchemaLogEntry.CompatibilitySetting(subject, level);
        log.append(entry);
        apply(entry);
    }

    private CompatibilityLevel level(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    private void apply(SchemaLogEntry entry) {
        if (entry instanceof SchemaLogEntry.SchemaVersion v) {
            schemasById.put(v.id(), v.schema());
            idsByCanonicalSchema.putIfAbsent(v.schema(), v.id());
            List<Integer> versions = subjectVersions.computeIfAbsent(v.subject(), s -> new ArrayList<>());
            if (versions.size() == v.version() - 1) {
                versions.add(v.id());
            }
            lastId = Math.max(lastId, v.id());
        } else if (entry instanceof SchemaLogEntry.CompatibilitySetting c) {
            if (c.subject() == null) {
                globalLevel = c.level();
            } else {
                subjectLevels.put(c.subject(), c.level());
            }
        }
    }

    private List<Integer> versionsOf(String subject) {
        List<Integer> versions = subjectVersions.get(subject);
        if (versions == null) {
            throw RegistryError.of(RegistryErrorCodes.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
        }
        return versions;
    }

    private static boolean isLatest(String version) {
        return "latest".equals(version) || "-1".equals(version);
    }

    private static int parseVersion(String version, int latest) {
        if (isLatest(version)) {
            return latest;
        }
        try {
            int number = Integer.parseInt(version);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw RegistryError.of(RegistryErrorCodes.INVALID_VERSION,
                "The specified version '" + version + "' is not a valid version id. "
                        + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    private static Schema parse(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw RegistryError.of(RegistryErrorCodes.INVALID_SCHEMA, "Invalid schema: empty");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (SchemaParseException | NullPointerException e) {
            throw RegistryError.of(RegistryErrorCodes.INVALID_SCHEMA, "Invalid schema: " + e.getMessage());
        }
    }
}
