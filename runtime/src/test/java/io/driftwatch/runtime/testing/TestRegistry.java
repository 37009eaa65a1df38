package io.driftwatch.runtime.testing;

import io.driftwatch.schemas.registry.RegistryClientConfig;
import io.driftwatch.schemas.registry.server.EmbeddedSchemaRegistry;
import io.driftwatch.schemas.serde.AvroSerdes;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An embedded schema registry without Kafka (in memory) for a test class, for topology tests
 * whose serdes need a registry: {@code @RegisterExtension static final TestRegistry registry = new TestRegistry();}.
 */
public final class TestRegistry implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedSchemaRegistry registry;
    private AvroSerdes serdes;

    @Override
    public void beforeAll(ExtensionContext context) {
        registry = EmbeddedSchemaRegistry.builder().start();
        serdes = AvroSerdes.fromConfig(Map.of(RegistryClientConfig.URL, registry.url()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        registry.close();
    }

    public AvroSerdes serdes() {
        return serdes;
    }
}
