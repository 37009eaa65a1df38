package io.driftwatch.schemas.registry;

import org.apache.kafka.common.errors.RetriableException;

/**
 * The schema registry could not answer: a 5xx response, a timeout or a refused connection.
 * Transient by nature, so a record that meets it must be retried, never dead-lettered.
 */
public class RegistryUnavailableException extends RetriableException {

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
