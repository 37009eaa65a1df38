package io.driftwatch.schemas.registry.server;

/** A Confluent-style error answer: HTTP status, {@code error_code} and message. */
final class RegistryError extends RuntimeException {

    private final int httpStatus;
    private final int errorCode;

    RegistryError(int httpStatus, int errorCode, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** Confluent derives the HTTP status from the first three digits of a five-digit code. */
    static RegistryError of(int errorCode, String message) {
        return new RegistryError(errorCode >= 10_000 ? errorCode / 100 : errorCode, errorCode, message);
    }

    int httpStatus() {
        return httpStatus;
    }

    int errorCode() {
        return errorCode;
    }
}
