package io.driftwatch.runtime.partials;

/** A mergeable summary that one partition builds and sends to the task that merges it. */
public interface PartialSummary {

    /** The key it travels under: all partials with the same key meet in one merging task. */
    String routingKey();

    byte[] toBytes();
}
