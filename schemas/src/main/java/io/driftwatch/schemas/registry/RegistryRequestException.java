package io.driftwatch.schemas.registry;

import org.apache.kafka.common.KafkaException;

/**
 * The schema registry rejected a request with a 4xx answer (unknown subject or schema id,
 * incompatible or invalid schema, ...). Retrying the same request cannot succeed.
 */
public class RegistryRequestException extends KafkaException {

    private final int httpStatus;
    private final int errorCode;

    public RegistryRequestException(int httpStatus, int errorCode, String message) {
        super(message + " (HTTP " + httpStatus + ", error_code " + errorCode + ")");
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent's error code, e.g. 40403 for an unknown schema id. */
    public int errorCode() {
        return errorCode;
    }
}
