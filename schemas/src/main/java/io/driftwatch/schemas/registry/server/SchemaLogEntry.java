package io.driftwatch.schemas.registry.server;

import io.driftwatch.schemas.registry.CompatibilityLevel;

/** One durable change to the registry's state, replayed in order on start-up. */
sealed interface SchemaLogEntry {

    /** Version {@code version} of {@code subject} is the schema with global id {@code id}. */
    record SchemaVersion(String subject, int version, int id, String schema) implements SchemaLogEntry {
    }

    /** The compatibility level of a subject, or the global one when {@code subject} is null. */
    record CompatibilitySetting(String subject, CompatibilityLevel level) implements SchemaLogEntry {
    }
}
