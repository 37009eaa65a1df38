package io.driftwatch.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class HealthTest {

    @Test
    void runningProcessorsAreUpOnlyWhileTheClusterAnswers() {
        assertThat(Health.of(Map.of("ingest", State.RUNNING, "metrics", State.RUNNING), true).status())
                .isEqualTo(Health.Status.UP);
        assertThat(Health.of(Map.of("ingest", State.RUNNING), false).status()).isEqualTo(Health.Status.DEGRADED);
    }

    @Test
    void aRebalancingProcessorDegradesAndAFailedOneIsDownWhateverTheCluster() {
        assertThat(Health.of(Map.of("ingest", State.RUNNING, "metrics", State.REBALANCING), true).status())
                .isEqualTo(Health.Status.DEGRADED);
        assertThat(Health.of(Map.of("ingest", State.ERROR, "metrics", State.REBALANCING), false).status())
                .isEqualTo(Health.Status.DOWN);
        assertThat(Health.of(Map.of(), true).status()).isEqualTo(Health.Status.DOWN);
    }
}
