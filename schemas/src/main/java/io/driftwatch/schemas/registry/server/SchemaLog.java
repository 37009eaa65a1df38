package io.driftwatch.schemas.registry.server;

import java.util.List;

/** Where the registry keeps its state: nowhere (in memory) or a compacted Kafka topic. */
interface SchemaLog extends AutoCloseable {

    /** Every entry written so far, oldest first. */
    List<SchemaLogEntry> replay();

    /** Writes the entry durably before returning; the change is acknowledged only after. */
    void append(SchemaLogEntry entry);

    @Override
    void close();

    /** Keeps nothing: state lives and dies with the process. */
    SchemaLog IN_MEMORY = new SchemaLog() {
        @Override
        public List<SchemaLogEntry> replay() {
            return List.of();
        }

        @Override
        public void append(SchemaLogEntry entry) {
        }

        @Override
        public void close() {
        }
    };
}
