package dev.ccproxy.embed;

import dev.ccproxy.ClaudeCodeProxy;
import org.apache.camel.main.Main;

/**
 * A Camel Main application of its own that embeds the proxy, as a Camel shop would: its settings and routes are in
 * {@code src/test/host-app/} ({@code application.properties}, {@code host-routes/}), on its class path beside the
 * library jar. {@link EmbeddedInHostIT} starts it as a process.
 */
public final class HostApplication {

    private HostApplication() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        ClaudeCodeProxy.addTo(main);
        System.exit(main.run(args));
    }
}
