package io.driftwatch.app;

import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.streams.Backoff;
import io.driftwatch.schemas.registry.RegistryClientConfig;
import io.driftwatch.schemas.registry.RegistryUnavailableException;
import io.driftwatch.schemas.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the processors back until the schema registry answers: started without it, every stream
 * thread would fail on its first record, over and over. Meanwhile one WARN line per backoff step
 * and {@code /health} DEGRADED ({@code "registry":"unreachable"}), {@code /ready} false.
 */
final class RegistryWait {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryWait.class);

    private RegistryWait() {
    }

    /**
     * @param problem told "unreachable" while the registry does not answer, and null once it does
     * @return false when interrupted before the registry answered
     */
    static boolean until(DriftwatchConfig config, Consumer<String> problem) {
        RegistryClientConfig registry = RegistryClientConfig.fromMap(config.serdeConfigs());
        SchemaRegistryClient client = new SchemaRegistryClient(registry);
        Backoff backoff = new Backoff();
        while (true) {
            try {
                client.ping();
                problem.accept(null);
                return true;
            } catch (RegistryUnavailableException e) {
                problem.accept("unreachable");
                Duration wait = backoff.next();
                LOG.warn("schema registry at {} does not answer; the processors start once it does (retrying in {} s)",
                        registry.urls(), wait.toSeconds());
                if (!Backoff.sleep(wait)) {
                    return false;
                }
            }
        }
    }
}
