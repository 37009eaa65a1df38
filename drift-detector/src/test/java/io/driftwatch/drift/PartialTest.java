package io.driftwatch.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.drift.profile.JointMoments;
import io.driftwatch.drift.profile.ProfileBuilder;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.TaskType;
import io.driftwatch.runtime.state.StateCodec;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A partial's bytes: what the summarisers store and send, and what the merging task reads back. */
class PartialTest {

    private static final long START = 3_600_000;

    @BeforeAll
    static void trustEventClasses() {
        TrustedAvroPackages.trustEvents();
    }

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
    void aPartialOfTheSecondFormatShouldStillRead() {
        Partial partial = partial(300);
        byte[] current = partial.toBytes();
        // Format 2 is format 3 without the moments' number of groups (always ten then), their first byte.
        int moments = current.length - (int) JointMoments.of(partial.profile().getNumericMoments()).encodedSize();
        byte[] formatTwo = new byte[current.length - 1];
        System.arraycopy(current, 0, formatTwo, 0, moments);
        System.arraycopy(current, moments + 1, formatTwo, moments, current.length - moments - 1);
        formatTwo[0] = 2;

        assertThat(current[moments]).isEqualTo((byte) JointMoments.GROUPS);
        assertThat(Partial.fromBytes(formatTwo).profile()).isEqualTo(Partial.fromBytes(current).profile());
    }

    @Test
    void aPartialOfAVersionWithAReferenceShouldKeepItsJointMomentsInOneGroupAndBeSmaller() {
        Partial grouped = partial(500, true);
        Partial ungrouped = partial(500, false);

        Partial read = Partial.fromBytes(ungrouped.toBytes());

        assertThat(read.profile().getNumericMoments().getGroups()).hasSize(1);
        assertThat(grouped.profile().getNumericMoments().getGroups()).hasSize(JointMoments.GROUPS);
        JointMoments.Sums one = JointMoments.of(read.profile().getNumericMoments()).whole();
        JointMoments.Sums ten = JointMoments.of(grouped.profile().getNumericMoments()).whole();
        assertThat(one.count()).isEqualTo(500);
        assertThat(one.covariance(0, 1)).isCloseTo(ten.covariance(0, 1), within(1e-12));
        // Three features: a group is 8 + 8 · (3 + 3 + 6) bytes.
        assertThat(grouped.toBytes().length - ungrouped.toBytes().length).isEqualTo(9 * 104);
    }

    @Test
    void theSliceShouldBeReadWithoutTheSummary() {
        byte[] bytes = partial(10).toBytes();

        Partial.Slice slice = Partial.sliceOf(bytes);

        assertThat(slice).isEqualTo(new Partial.Slice(3, Partial.Kind.PREDICTIONS, "m", "1", START));
        assertThat(slice.modelKey()).isEqualTo("m/1");
    }

    private static Partial partial(int rows) {
        return partial(rows, true);
    }

    private static Partial partial(int rows, boolean forReference) {
        Random random = new Random(7);
        Partial partial = Partial.predictions("m", "1", START, 100, forReference);
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
