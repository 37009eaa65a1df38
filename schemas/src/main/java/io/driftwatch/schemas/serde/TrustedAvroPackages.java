package io.driftwatch.schemas.serde;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro (since CVE-2024-47561) refuses to instantiate classes it does not trust while decoding.
 * Reading into a generated class is an explicit statement of trust in that class's package, so
 * that package, and only that one, is added to Avro's global validator.
 *
 * <p>Building a Driftwatch event whose defaults hold records (PredictionEvent's quality issues)
 * needs the same trust: code that builds events before any serde exists calls {@link #trustEvents()}.
 */
public final class TrustedAvroPackages {

    private static final Set<String> TRUSTED = ConcurrentHashMap.newKeySet();

    static {
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                ClassSecurityValidator.getGlobal(), type -> TRUSTED.contains(type.getPackageName())));
    }

    private TrustedAvroPackages() {
    }

    static void trust(String packageName) {
        TRUSTED.add(packageName);
    }

    /** Trusts the package of Driftwatch's generated event classes. */
    public static void trustEvents() {
        trust(AvroDeserializer.EVENTS_PACKAGE);
    }
}
