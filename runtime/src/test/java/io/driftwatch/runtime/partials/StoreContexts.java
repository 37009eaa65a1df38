package io.driftwatch.runtime.partials;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;

/** A state store initialised outside a topology, in a mock task with its state under {@code stateDir}. */
public final class StoreContexts {

    private StoreContexts() {
    }

    public static <S extends StateStore> S initialised(S store, Path stateDir) {
        return initialised(store, context(stateDir));
    }

    /** Opens {@code store} in {@code context}: a store that was closed is opened again in the same task. */
    public static <S extends StateStore> S initialised(S store, MockProcessorContext<Object, Object> context) {
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    public static MockProcessorContext<Object, Object> context(Path stateDir) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "store-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new MockProcessorContext<>(config, new TaskId(0, 0), stateDir.toFile());
    }
}
