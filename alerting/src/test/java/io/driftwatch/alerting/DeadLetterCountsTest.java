package io.driftwatch.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.runtime.state.StateCodec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dead-letter counts stored before format numbers still read after an upgrade. */
class DeadLetterCountsTest {

    @Test
    void countsShouldRoundTripAndCountsInTheFormatBeforeFormatNumbersShouldStillRead() {
        DeadLetterCounts counts = new DeadLetterCounts();
        counts.add("ingest");
        counts.add("ingest");
        counts.add("drift");
        assertThat(DeadLetterCounts.fromBytes(counts.toBytes()).counts()).isEqualTo(Map.of("ingest", 2L, "drift", 1L));

        byte[] format0 = StateCodec.write(out -> { // the entries, no format number
            out.writeInt(1);
            out.writeUTF("metrics");
            out.writeLong(5);
        });
        assertThat(DeadLetterCounts.fromBytes(format0).counts()).isEqualTo(Map.of("metrics", 5L));
    }
}
