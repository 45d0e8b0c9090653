package dev.ccproxy.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * {@code proxy.log.format} ({@code LOG_FORMAT}): {@code text} (log4j2.properties) or {@code json}. Logging starts
 * before Camel reads any setting, so this one is read first, by itself, in the usual order: {@code -D}, then
 * {@code PROXY_LOG_FORMAT}, then {@code LOG_FORMAT} (the environment or {@code .env}), then the top-level
 * {@code application.properties}; and log4j is pointed at the JSON layout before it starts.
 */
public final class LogFormat {

    static final String KEY = "proxy.log.format";
    private static final String JSON_CONFIGURATION = "classpath:log4j2.properties,classpath:log4j2-json.properties";

    private LogFormat() {
    }

    /** Chooses the layout; to be called before anything logs. */
    public static void apply() {
        if (System.getProperty("log4j2.configurationFile") != null) {
            // the operator's own logging configuration wins
            return;
        }
        if ("json".equals(chosen())) {
            System.setProperty("log4j2.configurationFile", JSON_CONFIGURATION);
        }
    }

    /** {@code text} or {@code json}; anything else is refused, naming the setting. */
    static String chosen() {
        String value = System.getProperty(KEY);
        if (blank(value)) {
            value = System.getenv("PROXY_LOG_FORMAT");
        }
        if (blank(value)) {
            value = SeedEnvironment.load().get("LOG_FORMAT");
        }
        if (blank(value)) {
            value = fromFile(Path.of("application.properties"));
        }
        String format = blank(value) ? "text" : value.strip().toLowerCase(Locale.ROOT);
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalStateException("Setting " + KEY + " (LOG_FORMAT) must be text or json, got: " + value);
        }
        return format;
    }

    private static String fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty(KEY);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
