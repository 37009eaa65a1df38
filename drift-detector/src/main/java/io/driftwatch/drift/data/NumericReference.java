package io.driftwatch.drift.data;

import io.driftwatch.drift.stats.EmpiricalDistribution;
import io.driftwatch.drift.stats.WassersteinNull;
import io.driftwatch.events.NumericProfile;
import io.driftwatch.schemas.sketch.KllSketch;
import java.util.List;

/**
 * A numeric feature's reference, decoded once from its profile and reused for every window: the
 * sketch's distribution, the bins, the standard deviation and the Wasserstein distance's null
 * distribution on it.
 */
public record NumericReference(EmpiricalDistribution distribution, List<Double> binEdges, long[] binCounts,
                               double stdDev, WassersteinNull wassersteinNull) {

    public static NumericReference of(NumericProfile profile) {
        KllSketch sketch = KllSketch.fromBuffer(profile.getKllSketch());
        EmpiricalDistribution distribution = EmpiricalDistribution.of(sketch);
        return new NumericReference(distribution, List.copyOf(profile.getBinEdges()),
                profile.getBinCounts().stream().mapToLong(Long::longValue).toArray(), profile.getStdDev(),
                WassersteinNull.of(distribution, profile.getStdDev()));
    }
}
