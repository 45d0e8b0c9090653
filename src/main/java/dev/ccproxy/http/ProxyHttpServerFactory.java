package dev.ccproxy.http;

import dev.ccproxy.config.ProxySettings;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.main.HttpServerConfigurationProperties;
import org.apache.camel.main.MainHttpServerFactory;

/**
 * How Camel Main builds its embedded HTTP server ({@code camel.server.enabled}): a {@link ProxyHttpServer} from the
 * same {@code camel.server.*} keys (host, port, path, body size), with the proxy's request limits. Camel finds it
 * through {@code META-INF/services/org/apache/camel/platform-http-server} in this jar, which comes before
 * camel-platform-http-main's on the classpath (the application's classes first, in tests and in the jar's manifest);
 * Camel builds the server before any configuration class runs, so a registry bean would come too late. The management
 * server, if enabled, is camel-platform-http-main's own.
 */
public final class ProxyHttpServerFactory implements MainHttpServerFactory {

    @Override
    public Service newHttpServer(CamelContext camelContext, HttpServerConfigurationProperties properties) {
        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setBindHost(properties.getHost());
        configuration.setBindPort(properties.getPort());
        configuration.setPath(properties.getPath());
        configuration.setMaxBodySize(properties.getMaxBodySize());
        configuration.setServerType(VertxPlatformHttpRouter.SERVER_TYPE_SERVER);
        ProxyHttpServer server = new ProxyHttpServer(configuration,
                ProxySettings.requestLimits(camelContext.getPropertiesComponent()));
        server.setCamelContext(camelContext);
        return server;
    }

    @Override
    public Service newHttpManagementServer(CamelContext camelContext,
            HttpManagementServerConfigurationProperties properties) {
        DefaultMainHttpServerFactory defaults = new DefaultMainHttpServerFactory();
        defaults.setCamelContext(camelContext);
        return defaults.newHttpManagementServer(camelContext, properties);
    }
}
