package io.driftwatch.ingest;

/** A record leaving the ingest topology, already serialized, and the topic it goes to. */
record Outbound(Destination destination, byte[] value) {

    enum Destination { VALIDATED, LABELED, DEAD_LETTER }
}
