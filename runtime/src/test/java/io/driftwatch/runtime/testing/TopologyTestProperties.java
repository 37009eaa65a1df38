package io.driftwatch.runtime.testing;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** The properties a processor's {@code TopologyTestDriver} needs: an application id and a state directory of the test's own. */
public final class TopologyTestProperties {

    private TopologyTestProperties() {
    }

    public static Properties of(String applicationId, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return props;
    }
}
