package io.driftwatch.runtime.streams;

import java.time.Duration;

/** Waits that double from 1 s to 30 s: background work riding out an outage without flooding the log. */
public final class Backoff {

    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(30);

    private Duration next = FIRST;

    /** The wait before the next attempt. */
    public Duration next() {
        Duration wait = next;
        next = next.multipliedBy(2).compareTo(MAX) > 0 ? MAX : next.multipliedBy(2);
        return wait;
    }

    /** After a success: the next outage starts again from the shortest wait. */
    public void reset() {
        next = FIRST;
    }

    /** Sleeps for {@code wait}; false when interrupted (the caller should stop). */
    public static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
