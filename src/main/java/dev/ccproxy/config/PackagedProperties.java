package dev.ccproxy.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** A properties file the jar carries (under {@code claude-code-proxy/}); its absence is a broken build. */
final class PackagedProperties {

    private PackagedProperties() {
    }

    static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = PackagedProperties.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
