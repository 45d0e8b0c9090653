package dev.ccproxy.http;

import dev.ccproxy.config.RequestLimits;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.impl.ConnectionBase;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * platform-http's Vert.x server (the same router, body handler and consumers: Camel's {@code camel.server.*} keys
 * configure it as before), listening with options the proxy chooses, which Camel 4.18's server does not let anyone
 * set (it listens with {@code new HttpServerOptions()}):
 * <ul>
 *   <li>HTTP/1.1 only: no h2c (a cleartext HTTP/2 upgrade or preface is answered as HTTP/1.1, or refused), so one
 *       protocol is served and tested;</li>
 *   <li>header lines bounded by {@code proxy.server.max-header-bytes} (431), the request line by 8 KiB (414);</li>
 *   <li>a stricter decoder ({@link StrictRequestDecoder}: no {@code Content-Length} with {@code Transfer-Encoding}),
 *       and every request the decoder refuses (duplicated or invalid {@code Content-Length}, a malformed line)
 *       answered in Anthropic's envelope ({@link InvalidRequests}), not Vert.x's empty 400;</li>
 *   <li>slow clients bounded: headers and body must arrive in time ({@link ReceiveDeadlines}).</li>
 * </ul>
 */
public final class ProxyHttpServer extends VertxPlatformHttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyHttpServer.class);
    private static final int MAX_REQUEST_LINE_BYTES = 8 * 1024;
    private static final String DECODER = "httpDecoder";

    private final VertxPlatformHttpServerConfiguration configuration;
    private final RequestLimits limits;
    private volatile HttpServer server;

    public ProxyHttpServer(VertxPlatformHttpServerConfiguration configuration, RequestLimits limits) {
        super(configuration);
        this.configuration = configuration;
        this.limits = limits;
    }

    @Override
    protected void startServer() throws Exception {
        HttpServerOptions options = new HttpServerOptions()
                .setHttp2ClearTextEnabled(false)
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setMaxInitialLineLength(MAX_REQUEST_LINE_BYTES)
                .setTcpNoDelay(true)
                // a backstop for anything the deadlines miss
                .setIdleTimeout((int) Math.max(1, limits.idleTimeout().toSeconds()))
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(getCamelContext(),
                VertxPlatformHttpRouter.getRouterNameFromPort(configuration.getBindPort()));
        ReceiveDeadlines deadlines = new ReceiveDeadlines(getVertx(), limits);
        HttpServer created = getVertx().createHttpServer(options)
                .invalidRequestHandler(InvalidRequests::answer)
                .connectionHandler(connection -> {
                    strictDecoder(connection, options);
                    deadlines.connected(connection);
                })
                .requestHandler(request -> {
                    deadlines.headersReceived(request);
                    router.handle(request);
                    // the router's first handler attached the response's lifecycle (synchronously, on this loop)
                    ResponseLifecycle.of(request.response()).whenDone(() -> deadlines.answered(request.connection()));
                });
        server = created.listen(configuration.getBindPort(), configuration.getBindHost())
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        LOG.info("Vert.x HttpServer started on {}:{} (HTTP/1.1)", configuration.getBindHost(), server.actualPort());
    }

    /**
     * Puts the {@link StrictRequestDecoder} in place of Vert.x's on a new connection, before it has read anything (the
     * connection handler runs on its event loop as the connection is set up). Vert.x offers no option for this, so it
     * reaches into the connection's Netty pipeline, by the decoder's name in Vert.x 4.5 ({@code HttpHardeningTest} of the
     * proxy fails if a Vert.x upgrade renames it).
     */
    private static void strictDecoder(HttpConnection connection, HttpServerOptions options) {
        if (connection instanceof ConnectionBase base && base.channel().pipeline().get(DECODER) != null) {
            base.channel().pipeline().replace(DECODER, DECODER, new StrictRequestDecoder(options));
        }
    }

    @Override
    protected void stopServer() {
        HttpServer running = server;
        if (running == null) {
            return;
        }
        server = null;
        getCamelContext().removeComponent(PlatformHttpConstants.PLATFORM_HTTP_COMPONENT_NAME);
        try {
            running.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("The HTTP server did not close cleanly: {}", e.getMessage());
        }
    }

    /** The listening server (platform-http's engine reads its port from it). */
    @Override
    public HttpServer getServer() {
        return server;
    }

    @Override
    public int getPort() {
        HttpServer running = server;
        return running != null ? running.actualPort() : configuration.getBindPort();
    }
}
