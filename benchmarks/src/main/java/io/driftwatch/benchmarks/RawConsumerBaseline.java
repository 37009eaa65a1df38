package io.driftwatch.benchmarks;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The physical limit: a plain consumer reading the pre-loaded input as bytes, decoding nothing,
 * from the beginning to the end offsets (read_committed, as the processors read).
 */
final class RawConsumerBaseline {

    private RawConsumerBaseline() {
    }

    static DrainMeasurement.Result run(String bootstrap, Map<TopicPartition, Long> endOffsets) {
        DrainMeasurement.HeapPeak heap = DrainMeasurement.HeapPeak.reset();
        long cpuStart = DrainMeasurement.processCpuNanos();
        long start = System.nanoTime();
        long records = BenchmarkInput.readAll(bootstrap, endOffsets);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new DrainMeasurement.Result("raw consumer", records, seconds,
                (DrainMeasurement.processCpuNanos() - cpuStart) / 1e9, heap.peak(), 0);
    }
}
