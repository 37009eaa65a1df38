package io.driftwatch.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM as a signal to stop: {@link #await} returns when the JVM starts shutting down,
 * and the JVM's shutdown waits (up to a minute) for {@link #stopped}, so that processors commit,
 * leave their groups and delete their temporary files before it exits.
 */
final class ShutdownSignal {

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    ShutdownSignal() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "driftwatch-stop"));
    }

    void await() throws InterruptedException {
        stop.await();
    }

    /** Stops without a signal (tests). */
    void trigger() {
        stop.countDown();
    }

    /** Lets the JVM's shutdown go on. */
    void stopped() {
        stopped.countDown();
    }
}
