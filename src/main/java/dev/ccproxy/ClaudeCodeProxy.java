package dev.ccproxy;

import dev.ccproxy.config.PackagedDefaults;
import dev.ccproxy.http.ProxyHttpServerFactory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainConfigurationProperties;

import java.util.Properties;

/**
 * The proxy inside another Camel Main application: its routes, beans and settings beside the application's own, served
 * on the application's HTTP server ({@code camel.server.*}).
 * <pre>
 * Main main = new Main();
 * ClaudeCodeProxy.addTo(main);
 * main.run(args);
 * </pre>
 * The jar to depend on is this project's with classifier {@code camel}; the README's "For Camel users" says what the
 * application shares with the proxy.
 */
public final class ClaudeCodeProxy {

    /** The proxy's routes in the jar: a folder of their own, so that they never meet the application's. */
    public static final String ROUTES = "classpath:claude-code-proxy/routes/*.camel.yaml";
    /** The proxy's {@code application.properties} in the jar, beside its routes. */
    public static final String DEFAULTS = PackagedDefaults.RESOURCE;

    private ClaudeCodeProxy() {
    }

    /** Adds the proxy to {@code main}; call it before {@code main.run}. */
    public static void addTo(Main main) {
        // Camel reads initial properties after every other source: the application's own properties, its environment
        // and system properties all win over these defaults, key by key
        Properties initial = main.getInitialProperties();
        PackagedDefaults.forEmbedding().forEach((key, value) -> {
            // the application's own initial properties stay; get and put, not putIfAbsent or containsKey: Camel's
            // OrderedProperties keeps its entries in a map of its own that only its overridden methods reach
            if (initial.get(key) == null) {
                initial.put(key, value);
            }
        });
        // the HTTP server with the proxy's limits, whatever the order of the jars on the class path: a bean in the
        // registry comes before the first META-INF/services entry Camel would otherwise take
        main.bind("claudeCodeProxyHttpServerFactory", new ProxyHttpServerFactory());
        main.configure().addConfiguration(ProxyBeans.class);
        main.configure().addConfiguration(new IncludeRoutes(main.configure()));
    }

    /**
     * Adds the proxy's routes to the application's include pattern. Camel reads {@code camel.main.*} from the
     * application's properties before it runs configuration classes and loads routes after them, so this is the moment
     * the application's own pattern is known and not yet used.
     */
    private record IncludeRoutes(MainConfigurationProperties main) implements CamelConfiguration {

        @Override
        public void configure(CamelContext context) {
            String own = main.getRoutesIncludePattern();
            if (own == null || own.isBlank()) {
                main.setRoutesIncludePattern(ROUTES);
            } else if (!own.contains(ROUTES)) {
                main.setRoutesIncludePattern(own + "," + ROUTES);
            }
        }
    }
}
