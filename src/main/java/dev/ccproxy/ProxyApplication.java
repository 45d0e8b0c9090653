package dev.ccproxy;

import dev.ccproxy.config.LogFormat;
import org.apache.camel.main.Main;

import java.nio.file.Files;
import java.nio.file.Path;

/** Starts Camel Main; the routes live in {@code routes/*.camel.yaml} and the settings in {@code application.properties}. */
public final class ProxyApplication {

    /** The top-level file wins over the copy packaged in the jar, key by key. */
    static final String PROPERTIES = "file:application.properties;optional=true,classpath:"
            + ClaudeCodeProxy.DEFAULTS + ";optional=true";

    private ProxyApplication() {
    }

    public static void main(String[] args) throws Exception {
        // before anything logs: LOG_FORMAT=json chooses log4j's JSON layout
        LogFormat.apply();
        // the wiring is named, not found: scanning the package for configuration classes took two of the proxy's
        // start-up seconds
        Main main = new Main();
        main.configure().addConfiguration(ProxyBeans.class);
        main.setDefaultPropertyPlaceholderLocation(PROPERTIES);
        if (!Files.isDirectory(Path.of("routes"))) {
            // started outside a checkout: use the routes packaged in the jar
            main.addOverrideProperty("camel.main.routes-include-pattern", ClaudeCodeProxy.ROUTES);
        }
        System.exit(main.run(args));
    }
}
