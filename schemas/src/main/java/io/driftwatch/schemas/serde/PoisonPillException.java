package io.driftwatch.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record whose bytes can never be read, however often it is retried: it belongs in the
 * dead-letter topic. Contrast {@link io.driftwatch.schemas.registry.RegistryUnavailableException},
 * which is transient and must never dead-letter a record.
 */
public class PoisonPillException extends SerializationException {

    /** Why the record cannot be read. */
    public enum Reason {
        /** Fewer bytes than the 5-byte wire-format header. */
        TOO_SHORT,
        /** The first byte is not the wire format's magic byte 0. */
        BAD_MAGIC_BYTE,
        /** The registry does not know the schema id in the header (error 40403). */
        UNKNOWN_SCHEMA_ID,
        /** The payload does not decode with the writer schema, or cannot be resolved to the reader schema. */
        UNDECODABLE
    }

    private final Reason reason;

    public PoisonPillException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
