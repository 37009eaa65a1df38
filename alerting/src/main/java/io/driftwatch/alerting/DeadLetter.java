package io.driftwatch.alerting;

/** That a processor dead-lettered a record: all the alerting processor needs of a dead letter. */
record DeadLetter(String processor) {

    /** The key dead letters travel under: one task counts them all (they are few, or something is badly wrong). */
    static final String KEY = "\u0000dead-letters";
}
