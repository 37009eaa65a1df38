package io.driftwatch.schemas.registry;

/** The Confluent Schema Registry error codes Driftwatch speaks, client and server alike. */
public final class RegistryErrorCodes {
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED = 40408;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    public static final int STORE_ERROR = 50001;

    /** Media type of every request and response body. */
    public static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";

    private RegistryErrorCodes() {
    }
}
