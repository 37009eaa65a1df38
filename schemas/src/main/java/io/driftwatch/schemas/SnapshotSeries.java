package io.driftwatch.schemas;

/**
 * The sentinel values of the series fields in the event contracts, named once beside the schemas
 * (as {@code TopicCatalogue} names the topics) so that producers and consumers cannot spell them
 * apart.
 */
public final class SnapshotSeries {

    /** {@code MetricSnapshot.horizon} of a base window (a rolling horizon carries its configured name). */
    public static final String BASE = "base";
    /** {@code MetricSnapshot.segment} and {@code ConceptDriftStatus.segment} of all traffic. */
    public static final String ALL_SEGMENTS = "*";

    private SnapshotSeries() {
    }
}
