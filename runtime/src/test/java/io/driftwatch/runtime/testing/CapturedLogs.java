package io.driftwatch.runtime.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Every log line of this JVM at INFO and above while open, Kafka's configuration dumps included
 * (the likeliest place for a secret to leak), each with its stack trace.
 */
public final class CapturedLogs implements AutoCloseable {

    private static final List<String> LOGGERS = List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "org.apache.kafka", "io.driftwatch");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<Logger, Level> levels = new HashMap<>();

    private CapturedLogs() {
        appender.start();
        root().addAppender(appender);
        for (String name : LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            levels.put(logger, logger.getLevel());
            logger.setLevel(Level.INFO);
        }
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    /** The lines so far: logger name, message and stack trace. */
    public List<String> lines() {
        return List.copyOf(appender.list).stream().map(event -> event.getLoggerName() + ": " + event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .toList();
    }

    @Override
    public void close() {
        root().detachAppender(appender);
        levels.forEach(Logger::setLevel);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
