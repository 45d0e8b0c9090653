package dev.ccproxy.config;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

import java.util.Locale;

/**
 * Applies {@code LOG_LEVEL} / {@code proxy.log.level}. The seed took Python's level names, so WARNING and CRITICAL are
 * understood too. Camel logs at the same level; the HTTP client and Vert.x only follow when DEBUG or TRACE is asked,
 * and the HTTP client's dumps of the raw traffic never do (keys are never logged, at any level).
 */
public final class LogLevelConfigurer {

    /** HttpClient's loggers of the raw traffic (DEBUG): they would print the upstream's key. */
    static final String[] WIRE_LOGGERS = {"org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire"};

    private LogLevelConfigurer() {
    }

    /**
     * @param name the level; null (an application that embeds the proxy and sets none) leaves the levels to the
     *             application's logging configuration, all but the two loggers that would print keys
     */
    public static void apply(String name) {
        if (name != null) {
            Level level = parse(name);
            Configurator.setRootLevel(level);
            // the chatty libraries follow DEBUG and TRACE only, and go back to WARN otherwise
            Level libraries = level.isLessSpecificThan(Level.DEBUG) ? level : Level.WARN;
            Configurator.setLevel("org.apache.hc", libraries);
            Configurator.setLevel("io.vertx", libraries);
        }
        // never below INFO, whatever is asked: these two write every header and byte sent upstream, keys included
        for (String wire : WIRE_LOGGERS) {
            Configurator.setLevel(wire, Level.INFO);
        }
    }

    static Level parse(String name) {
        String normalized = name.trim().toUpperCase(Locale.ROOT);
        return switch (normalized) {
            case "WARNING" -> Level.WARN;
            case "CRITICAL" -> Level.FATAL;
            default -> {
                Level level = Level.getLevel(normalized);
                if (level == null) {
                    throw new IllegalStateException("LOG_LEVEL / proxy.log.level must be one of TRACE, DEBUG, INFO, "
                            + "WARN (WARNING), ERROR, FATAL (CRITICAL); got: " + name);
                }
                yield level;
            }
        };
    }
}
