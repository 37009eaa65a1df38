package io.driftwatch.drift.concept;

/**
 * A detector of change in a stream of errors (0/1 misclassification, or a bounded absolute
 * error), updated one sample at a time. After reporting DRIFT a detector starts afresh, so the
 * next DRIFT is about a new change.
 */
public interface ConceptDriftDetector {

    /** Adds one error value and returns the level it leads to. */
    DriftLevel update(double error);

    /** Samples seen since the detector last started afresh. */
    long samples();

    /** Parameters and state, so that a restored detector continues exactly where this one is. */
    byte[] toBytes();

    /** A detector from {@link #toBytes()}, whichever kind it is. */
    static ConceptDriftDetector fromBytes(byte[] bytes) {
        return DetectorCodec.read(bytes);
    }
}
