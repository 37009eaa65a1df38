package io.driftwatch.runtime.partials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summariser's clock across a revival: Kafka Streams re-initialises the same processor and store objects. */
class PartialSummarizerTest {

    private static final long SECOND = 1_000;

    /** Counts records (their value is their event time) per slice: one-minute windows, 30 s grace. */
    private static final class Counter extends PartialSummarizer<Long, CountingPartial> {

        Counter(boolean sendEveryFlush) {
            super("records", "partials", Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(1),
                    Duration.ofSeconds(30), sendEveryFlush);
        }

        @Override
        public void process(Record<Object, Long> record) {
            long start = sliceStart(record.value());
            partial("m|" + start, record.value(), () -> new CountingPartial(start)).count++;
        }
    }

    @TempDir
    Path stateDir;

    private MockProcessorContext<String, byte[]> context(Counter counter) {
        MockProcessorContext<String, byte[]> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(0);
        context.addStateStore(StoreContexts.initialised(
                PartialStore.builder("partials", CountingPartial::fromBytes).withLoggingDisabled().build(),
                StoreContexts.context(stateDir)));
        counter.init(context);
        return context;
    }

    private static void flushAt(MockProcessorContext<String, byte[]> context, long now) {
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(now);
    }

    /** Slice starts and counts of the partials sent since the last call. */
    private static List<List<Long>> sent(MockProcessorContext<String, byte[]> context) {
        List<List<Long>> sent = context.forwarded().stream().map(MockProcessorContext.CapturedForward::record)
                .filter(r -> !Progress.KEY.equals(r.key())).map(r -> CountingPartial.fromBytes(r.value()))
                .map(c -> List.of(c.sliceStart, c.count)).toList();
        context.resetForwards();
        return sent;
    }

    @Test
    void aPartialShouldTravelOnceItsSliceClosesByThePartitionsClockOrThePartitionTurnsIdleNotAtEveryFlush() {
        Counter counter = new Counter(false);
        MockProcessorContext<String, byte[]> context = context(counter);
        counter.process(new Record<>("a", 10 * SECOND, 0));
        counter.process(new Record<>("b", 50 * SECOND, 0));
        flushAt(context, SECOND);
        assertThat(sent(context)).as("the slice is open: held").isEmpty();

        counter.process(new Record<>("c", 95 * SECOND, 0)); // passes the first slice's close, 90 s
        assertThat(sent(context)).containsExactly(List.of(0L, 2L));
        flushAt(context, 2 * SECOND);
        assertThat(sent(context)).isEmpty();

        flushAt(context, Duration.ofMinutes(5).toMillis()); // no record for the idle timeout
        assertThat(sent(context)).containsExactly(List.of(60_000L, 1L));
    }

    @Test
    void whereAskedEveryPartialShouldTravelAtEveryFlush() {
        Counter counter = new Counter(true);
        MockProcessorContext<String, byte[]> context = context(counter);
        counter.process(new Record<>("a", 10 * SECOND, 0));
        flushAt(context, SECOND);
        counter.process(new Record<>("b", 20 * SECOND, 0));
        flushAt(context, 2 * SECOND);
        assertThat(sent(context)).containsExactly(List.of(0L, 1L), List.of(0L, 1L));
    }

    @Test
    void aRevivedTaskShouldCountReplayedRecordsInTheirOwnSliceNotAsLate() {
        MockProcessorContext<String, byte[]> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(0);
        MockProcessorContext<Object, Object> task = StoreContexts.context(stateDir);
        PartialStore<CountingPartial> store = StoreContexts.initialised(
                PartialStore.builder("partials", CountingPartial::fromBytes).withLoggingDisabled().build(), task);
        context.addStateStore(store);
        Counter counter = new Counter(false);
        counter.init(context);
        counter.process(new Record<>("a", 10 * SECOND, 0));
        counter.process(new Record<>("b", 200 * SECOND, 0)); // passes the first window's close: flushed
        context.resetForwards();

        // The transaction aborts: the task is revived on the same objects and replays from its last commit.
        store.close();
        StoreContexts.initialised(store, task);
        counter.init(context);
        counter.process(new Record<>("a", 10 * SECOND, 0));
        // Idle for the idle timeout: the partition sends what it holds.
        context.scheduledPunctuators().get(context.scheduledPunctuators().size() - 1).getPunctuator()
                .punctuate(Duration.ofMinutes(5).toMillis());

        List<CountingPartial> sent = context.forwarded().stream().map(MockProcessorContext.CapturedForward::record)
                .filter(r -> !Progress.KEY.equals(r.key())).map(r -> CountingPartial.fromBytes(r.value())).toList();
        assertThat(sent).extracting(c -> c.sliceStart, c -> c.count).containsExactly(tuple(0L, 1L));
    }
}
