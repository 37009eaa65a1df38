package io.driftwatch.metrics;

import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.runtime.partials.SliceKeys;

/**
 * The key of a snapshot in the queryable store: model first, so that one model's snapshots are
 * one prefix scan ({@code model|version|segment|horizon|start}).
 */
record SnapshotKey(String modelId, String modelVersion, String segment, String horizon, long windowStart) {

    static SnapshotKey of(MetricSnapshot s) {
        return new SnapshotKey(s.getModelId(), s.getModelVersion(), s.getSegment(), s.getHorizon(),
                s.getWindowStart().toEpochMilli());
    }

    static SnapshotKey parse(String key) {
        String[] parts = key.split("\\|", -1);
        return new SnapshotKey(parts[0], parts[1], parts[2], parts[3], Long.parseLong(parts[4]));
    }

    /** The prefix of every snapshot of a model. */
    static String prefix(String modelId) {
        return modelId + "|";
    }

    @Override
    public String toString() {
        return modelId + "|" + modelVersion + "|" + segment + "|" + horizon + "|" + SliceKeys.padded(windowStart);
    }
}
