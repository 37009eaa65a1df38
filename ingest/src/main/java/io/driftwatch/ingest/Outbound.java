package io.driftwatch.ingest;

import org.apache.avro.specific.SpecificRecord;

/**
 * A record leaving ingest and where it goes.
 *
 * @param value the serialized record for its topic; null when that output is switched off
 * @param event the validated or labelled prediction for the processors behind ingest in the same
 *              topology; null when there are none
 */
record Outbound(Destination destination, byte[] value, SpecificRecord event) {

    enum Destination { VALIDATED, LABELED, DEAD_LETTER }

    static Outbound deadLetter(byte[] value) {
        return new Outbound(Destination.DEAD_LETTER, value, null);
    }
}
