package io.driftwatch.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silences one logger below ERROR while an action runs: Kafka's client warns about every failed
 * connection attempt, some thirty times while the start-up preflight waits for a broker that is
 * not there, and the preflight's own error already says so in one line.
 */
final class QuietLogger {

    static final String KAFKA_CONNECTIONS = "org.apache.kafka.clients.NetworkClient";

    private QuietLogger() {
    }

    static void during(String loggerName, Runnable action) {
        Logger logger = (Logger) LoggerFactory.getLogger(loggerName);
        Level level = logger.getLevel();
        logger.setLevel(Level.ERROR);
        try {
            action.run();
        } finally {
            logger.setLevel(level);
        }
    }
}
