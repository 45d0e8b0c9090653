package dev.ccproxy.config;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The proxy's {@code application.properties} as the jar carries it ({@value #RESOURCE}), read as the defaults of an
 * application that embeds the proxy. Two kinds of key stay out, because they are the application's business and not
 * the proxy's: {@code camel.main.*} (its name, its route patterns, its reload and shutdown settings),
 * {@code camel.management.*} and {@code camel.metrics.*} (whether it runs a management server, on which port, and which
 * meters Camel keeps: the proxy's own meters join Camel's registry when the application turns metrics on), and
 * {@code proxy.log.level} (the proxy would otherwise set the application's root log level; see
 * {@link LogLevelConfigurer}). Everything else (the proxy's own keys, and the {@code camel.server.*},
 * {@code camel.health.*} and {@code camel.component.http.*} keys its routes need) is a default the application's own
 * properties override.
 */
public final class PackagedDefaults {

    /** Where the jar carries the proxy's {@code application.properties}: a folder of its own, never the root. */
    public static final String RESOURCE = "claude-code-proxy/application.properties";

    private PackagedDefaults() {
    }

    /** The defaults for an embedding application, placeholders unresolved (Camel resolves them when they are read). */
    public static Map<String, String> forEmbedding() {
        Properties packaged = PackagedProperties.load(RESOURCE);
        Map<String, String> defaults = new TreeMap<>();
        for (String key : packaged.stringPropertyNames()) {
            if (!applicationsOwn(key)) {
                defaults.put(key, packaged.getProperty(key));
            }
        }
        return defaults;
    }

    private static boolean applicationsOwn(String key) {
        return key.startsWith("camel.main.") || key.startsWith("camel.management.") || key.startsWith("camel.metrics.")
                || key.equals("proxy.log.level");
    }
}
