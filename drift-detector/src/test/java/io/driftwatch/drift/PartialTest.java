package io.driftwatch.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.drift.profile.ProfileBuilder;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.TaskType;
import io.driftwatch.runtime.state.StateCodec;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A partial's bytes: what the summarisers store and send, and what the merging task reads back. */
class PartialTest {

    private static final long START = 3_600_000;

    @Test
    void aPredictionPartialShouldReadBackWithItsJointMomentsExactly() {
        Partial partial = partial(500);

        Partial read = Partial.fromBytes(partial.toBytes());

        assertThat(read.profile().getNumericMoments()).isNotNull();
        assertThat(read.profile()).isEqualTo(partial.profile());
        assertThat(read.count()).isEqualTo(500);
    }

    @Test
    void aPartialOfTheFirstFormatShouldStillRead() {
        Partial partial = partial(300);
        byte[] formatOne = StateCodec.write(out -> {
            out.writeByte(1);
            out.writeByte(Partial.Kind.PREDICTIONS.ordinal());
            out.writeUTF("m");
            out.writeUTF("1");
            out.writeLong(START);
            out.writeLong(partial.maxEventTime());
            out.writeInt(100);
            StateCodec.writeBytes(out, Partial.encode(partial.profile())); // the moments inside the Avro profile
        });

        // Read as before format 2: the Avro profile merged into an empty one, moments included.
        ProfileBuilder expected = new ProfileBuilder("m", "1", ProfileSource.OTHER, TaskType.UNKNOWN, 100);
        expected.merge(partial.profile());
        ReferenceProfile read = Partial.fromBytes(formatOne).profile();
        assertThat(read.getNumericMoments()).isNotNull();
        assertThat(read).isEqualTo(expected.build(Instant.ofEpochMilli(partial.maxEventTime())));
        assertThat(Partial.sliceOf(formatOne)).isEqualTo(new Partial.Slice(1, Partial.Kind.PREDICTIONS, "m", "1", START));
    }

    @Test
    void theSliceShouldBeReadWithoutTheSummary() {
        byte[] bytes = partial(10).toBytes();

        Partial.Slice slice = Partial.sliceOf(bytes);

        assertThat(slice).isEqualTo(new Partial.Slice(2, Partial.Kind.PREDICTIONS, "m", "1", START));
        assertThat(slice.modelKey()).isEqualTo("m/1");
    }

    private static Partial partial(int rows) {
        Random random = new Random(7);
        Partial partial = Partial.predictions("m", "1", START, 100);
        for (int i = 0; i < rows; i++) {
            Map<String, Double> numeric = new HashMap<>();
            double shared = random.nextGaussian();
            numeric.put("a", shared);
            numeric.put("b", 0.8 * shared + 0.6 * random.nextGaussian());
            numeric.put("c", random.nextDouble() * 10);
            Map<String, String> categorical = Map.of("country", "c" + random.nextInt(5));
            partial.addPrediction(numeric, categorical, random.nextDouble(), random.nextBoolean() ? "1" : "0", START + i);
        }
        return partial;
    }
}
