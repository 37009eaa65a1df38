package io.driftwatch.runtime.partials;

/** A mergeable summary that one partition builds and sends to the task that merges it. */
public interface PartialSummary {

    /** The key it travels under: all partials with the same key meet in one merging task. */
    String routingKey();

    /** The start of the slice it summarises: it travels once the partition's clock has closed that slice. */
    long sliceStart();

    byte[] toBytes();

    /**
     * True once the summary holds so much that it should travel now rather than at the next
     * flush: a summary whose size grows with its records (e.g. samples kept for ordering) stays
     * well below the producer's record size limit this way.
     */
    default boolean full() {
        return false;
    }
}
