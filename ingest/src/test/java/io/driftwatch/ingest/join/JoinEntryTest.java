package io.driftwatch.ingest.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinEntryTest {

    @Test
    void shouldRoundTripEveryShapeOfEntry() {
        PendingLabel label = new PendingLabel(new byte[]{0, 1, 2}, "gt-topic", 3, 99L, -5L);
        List<JoinEntry> entries = List.of(
                JoinEntry.waitingPrediction(1_000L, "model-ü", 400L, new byte[]{9, 8}),
                JoinEntry.waitingLabel(-7L, "m", label),
                JoinEntry.joined(Long.MAX_VALUE, "m", 12L, null),
                JoinEntry.joined(5L, "m", 12L, new byte[0]));

        for (JoinEntry entry : entries) {
            JoinEntry back = JoinEntry.fromBytes(entry.toBytes());
            assertThat(back.deadline()).isEqualTo(entry.deadline());
            assertThat(back.modelId()).isEqualTo(entry.modelId());
            assertThat(back.predictionSeen()).isEqualTo(entry.predictionSeen());
            assertThat(back.labelled()).isEqualTo(entry.labelled());
            assertThat(back.predictionEventTimeMs()).isEqualTo(entry.predictionEventTimeMs());
            assertThat(back.prediction()).isEqualTo(entry.prediction());
            if (entry.pending() == null) {
                assertThat(back.pending()).isNull();
            } else {
                assertThat(back.pending().value()).isEqualTo(label.value());
                assertThat(back.pending()).usingRecursiveComparison().ignoringFields("value").isEqualTo(label);
            }
        }
    }

    @Test
    void shouldTellWhatTheEntryWaitsFor() {
        assertThat(JoinEntry.waitingPrediction(1, "m", 0, new byte[0]).waitsForLabel()).isTrue();
        assertThat(JoinEntry.waitingLabel(1, "m", new PendingLabel(new byte[0], "t", 0, 0, 0)).waitsForPrediction()).isTrue();
        JoinEntry joined = JoinEntry.joined(1, "m", 0, null);
        assertThat(joined.waitsForLabel()).isFalse();
        assertThat(joined.waitsForPrediction()).isFalse();
    }

    @Test
    void shouldRefuseAnUnknownFormat() {
        byte[] bytes = JoinEntry.joined(1, "m", 0, null).toBytes();
        bytes[0] = 42;
        assertThatThrownBy(() -> JoinEntry.fromBytes(bytes)).hasMessageContaining("unknown format 42");
    }

    @Test
    void expiryKeysShouldSortByDeadlineIncludingNegativeTimes() {
        List<ExpiryKey> keys = List.of(new ExpiryKey(Long.MIN_VALUE + 1, "a"), new ExpiryKey(-1, "z"),
                new ExpiryKey(0, "a"), new ExpiryKey(0, "b"), new ExpiryKey(1, "a"), new ExpiryKey(1L << 40, "a"));
        List<byte[]> encoded = new ArrayList<>(keys.stream().map(ExpiryKey::toBytes).toList());
        encoded.sort(Comparator.comparing(b -> b, Arrays::compareUnsigned));

        assertThat(encoded.stream().map(ExpiryKey::fromBytes).toList()).isEqualTo(keys);
    }

    @Test
    void dueBeforeShouldBoundExactlyTheDeadlinesBeforeTheClock() {
        byte[] bound = ExpiryKey.dueBefore(100);
        assertThat(Arrays.compareUnsigned(new ExpiryKey(99, "zzzz").toBytes(), bound)).isNegative();
        assertThat(Arrays.compareUnsigned(new ExpiryKey(100, "a").toBytes(), bound)).isPositive();
        assertThat(Arrays.compareUnsigned(ExpiryKey.first(), new ExpiryKey(Long.MIN_VALUE, "a").toBytes())).isNegative();
    }
}
