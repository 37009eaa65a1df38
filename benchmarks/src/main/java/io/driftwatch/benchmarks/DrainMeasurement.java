package io.driftwatch.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.streams.Health;
import io.driftwatch.runtime.streams.StreamsApp;
import io.driftwatch.runtime.streams.StreamsRunner;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs topologies over a pre-loaded input until they have committed every input offset, and
 * measures what that took: wall time from RUNNING to drained, process CPU time, peak heap and
 * the size of their local state.
 */
final class DrainMeasurement {

    /** One contender's figures. CPU time is the whole process's, so it includes the in-process broker. */
    record Result(String name, long inputRecords, double seconds, double cpuSeconds, long peakHeapBytes, long stateBytes) {

        double recordsPerSecond() {
            return inputRecords / seconds;
        }

        double cpuSecondsPerMillion() {
            return cpuSeconds / (inputRecords / 1e6);
        }
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private DrainMeasurement() {
    }

    /** The peak heap since {@link #reset}, over every heap pool. */
    static final class HeapPeak {

        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();

        static HeapPeak reset() {
            System.gc();
            HeapPeak peak = new HeapPeak();
            peak.pools.forEach(MemoryPoolMXBean::resetPeakUsage);
            return peak;
        }

        long peak() {
            return pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        }
    }

    static Result run(StreamsApp app, DriftwatchConfig config, TopicCatalogue topics, Admin admin,
                      Map<TopicPartition, Long> endOffsets, long inputRecords) throws InterruptedException {
        return run(app.name(), List.of(app), config, topics, admin, a -> endOffsets, inputRecords);
    }

    /**
     * Runs topologies together until each has committed the end of its inputs, in the order given:
     * a downstream topology's input ends are read once the upstream ones have drained, so that they
     * no longer grow.
     *
     * @param inputEnds each topology's input partitions and their end offsets, asked for when its turn comes
     */
    static Result run(String name, List<StreamsApp> apps, DriftwatchConfig config, TopicCatalogue topics, Admin admin,
                      Function<StreamsApp, Map<TopicPartition, Long>> inputEnds, long inputRecords)
            throws InterruptedException {
        return run(name, apps, config, topics, admin, inputEnds, inputRecords, runner -> { });
    }

    /** @param drained called once everything has drained, before the applications close (to read their metrics) */
    static Result run(String name, List<StreamsApp> apps, DriftwatchConfig config, TopicCatalogue topics, Admin admin,
                      Function<StreamsApp, Map<TopicPartition, Long>> inputEnds, long inputRecords,
                      Consumer<StreamsRunner> drained) throws InterruptedException {
        HeapPeak heap = HeapPeak.reset();
        try (StreamsRunner runner = new StreamsRunner(config, topics, new SimpleMeterRegistry())) {
            runner.start(apps);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (runner.health().status() != Health.Status.UP) {
                check(runner, deadline, name);
                Thread.sleep(20);
            }
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            long lastReport = start;
            for (StreamsApp app : apps) {
                Map<TopicPartition, Long> ends = inputEnds.apply(app);
                String groupId = runner.applicationId(app.name());
                while (!drained(admin, groupId, ends)) {
                    check(runner, deadline, name);
                    Thread.sleep(100);
                    if (System.nanoTime() - lastReport > 10_000_000_000L) {
                        lastReport = System.nanoTime();
                        System.out.printf("  %s: %.0f s ...%n", name, (lastReport - start) / 1e9);
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            drained.accept(runner);
            long state = apps.stream().mapToLong(app -> directorySize(config.processing().stateDir()
                    .resolve(runner.applicationId(app.name())))).sum();
            return new Result(name, inputRecords, seconds, cpuSeconds, heap.peak(), state);
        }
    }

    private static void check(StreamsRunner runner, long deadline, String name) {
        if (runner.health().status() == Health.Status.DOWN) {
            throw new IllegalStateException(name + " went down during the benchmark (" + runner.health().processors()
                    + "); see the log above");
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(name + " did not drain its input within " + TIMEOUT);
        }
    }

    /**
     * Whether the group has consumed every input to its end, and its repartition topics too (the
     * merging half of a processor must have caught up as well), allowing one offset there for the
     * marker that ends a transaction.
     */
    private static boolean drained(Admin admin, String groupId, Map<TopicPartition, Long> endOffsets) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get();
            // An empty input partition never gets a committed offset: it is drained as it is.
            boolean inputs = endOffsets.entrySet().stream().allMatch(e -> {
                OffsetAndMetadata offset = committed.get(e.getKey());
                return e.getValue() == 0 || offset != null && offset.offset() >= e.getValue();
            });
            if (!inputs) {
                return false;
            }
            Map<TopicPartition, OffsetSpec> internal = new HashMap<>();
            committed.keySet().stream().filter(tp -> !endOffsets.containsKey(tp))
                    .forEach(tp -> internal.put(tp, OffsetSpec.latest()));
            if (internal.isEmpty()) {
                return true;
            }
            return admin.listOffsets(internal).all().get().entrySet().stream()
                    .allMatch(e -> committed.get(e.getKey()).offset() >= e.getValue().offset() - 1);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the committed offsets of " + groupId, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long directorySize(Path directory) {
        if (!Files.exists(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
