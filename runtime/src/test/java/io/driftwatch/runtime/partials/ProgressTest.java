package io.driftwatch.runtime.partials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Progress reports in transit when Driftwatch is upgraded still read. */
class ProgressTest {

    @Test
    void aReportShouldRoundTripAndOneInTheFormatBeforeFormatNumbersShouldStillRead() {
        Progress progress = new Progress("PREDICTIONS", 3, 1_764_000_000_000L, true);
        assertThat(Progress.fromBytes(progress.toBytes())).isEqualTo(progress);

        byte[] name = "LABELS".getBytes(StandardCharsets.UTF_8); // format 0: the name's length as an int, no format number
        byte[] format0 = ByteBuffer.allocate(4 + name.length + 13).putInt(name.length).put(name).putInt(2)
                .putLong(42L).put((byte) 0).array();
        assertThat(Progress.fromBytes(format0)).isEqualTo(new Progress("LABELS", 2, 42L, false));
    }
}
