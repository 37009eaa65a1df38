package io.driftwatch.drift.data;

import io.driftwatch.drift.stats.EmpiricalDistribution;
import io.driftwatch.events.NumericProfile;
import java.util.List;
import io.driftwatch.schemas.sketch.KllSketch;

/**
 * A numeric feature's reference, decoded once from its profile and reused for every window: the
 * sketch's distribution, the bins and the standard deviation.
 */
public record NumericReference(EmpiricalDistribution distribution, List<Double> binEdges, long[] binCounts,
                               double stdDev) {

    public static NumericReference of(NumericProfile profile) {
        KllSketch sketch = KllSketch.fromBuffer(profile.getKllSketch());
        return new NumericReference(EmpiricalDistribution.of(sketch), List.copyOf(profile.getBinEdges()),
                profile.getBinCounts().stream().mapToLong(Long::longValue).toArray(), profile.getStdDev());
    }
}
