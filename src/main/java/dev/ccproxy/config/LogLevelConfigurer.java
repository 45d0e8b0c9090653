package dev.ccproxy.config;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

import java.util.Locale;

/**
 * Applies {@code LOG_LEVEL} / {@code proxy.log.level}. The seed took Python's level names, so WARNING and CRITICAL are
 * understood too. Camel logs at the same level; the HTTP client and Vert.x only follow when DEBUG or TRACE is asked.
 */
public final class LogLevelConfigurer {

    private LogLevelConfigurer() {
    }

    public static void apply(String name) {
        Level level = parse(name);
        Configurator.setRootLevel(level);
        if (level.isLessSpecificThan(Level.DEBUG)) {
            Configurator.setLevel("org.apache.hc", level);
            Configurator.setLevel("io.vertx", level);
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
