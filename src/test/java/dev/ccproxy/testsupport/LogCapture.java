package dev.ccproxy.testsupport;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every log line of the process, from any logger at any level that is enabled, as the console would get it (message,
 * thread context, and the stack trace of an attached exception), kept in memory while attached.
 */
public final class LogCapture implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;

    private LogCapture() {
        appender = new AbstractAppender("capture-" + System.identityHashCode(this), null,
                PatternLayout.createDefaultLayout(), true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
                        .append(event.getContextData()).append(' ')
                        .append(event.getMessage().getFormattedMessage());
                if (event.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    event.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append('\n').append(trace);
                }
                lines.add(line.toString());
            }
        };
    }

    /** Starts capturing at the root logger (every logger's lines reach it). */
    public static LogCapture attach() {
        LogCapture capture = new LogCapture();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        capture.appender.start();
        configuration.addAppender(capture.appender);
        configuration.getRootLogger().addAppender(capture.appender, Level.ALL, null);
        context.updateLoggers();
        return capture;
    }

    public List<String> lines() {
        return lines;
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
