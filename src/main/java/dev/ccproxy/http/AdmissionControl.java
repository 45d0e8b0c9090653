package dev.ccproxy.http;

import dev.ccproxy.anthropic.Ids;
import dev.ccproxy.error.AnthropicErrorType;
import dev.ccproxy.error.RefusalLog;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Admission control for the endpoints that call an upstream ({@code POST /v1/messages}, {@code GET /test-connection}),
 * in the HTTP server, before any Camel route runs: a request takes a place in the {@link InFlightLimit} until its
 * response has ended (a stream: until its last event is written) or its connection closed, or is refused at once.
 *
 * <p>A refusal is 529 {@code overloaded_error} with {@code retry-after} (which Claude Code and the SDKs retry with
 * back-off), answered on the event loop without reading the body, and its connection is closed, so that an overloaded
 * proxy sheds connections as well as requests (each holds a file descriptor). count_tokens and the health endpoints
 * are not counted. Refusals are logged as a count every ten seconds, not one line each. From the moment shutdown
 * begins ({@link Draining}) every such request is refused the same way, so that clients retry on another instance.
 */
public final class AdmissionControl implements StartupListener {

    /** Seconds a refused client is asked to wait: streams end within seconds to minutes; the SDKs add jitter. */
    static final String RETRY_AFTER_SECONDS = "1";
    private static final List<String> COUNTED = List.of("/v1/messages", "/test-connection");
    private static final Logger LOG = LoggerFactory.getLogger(AdmissionControl.class);

    private final InFlightLimit limit;
    private final Draining draining;
    private final RefusalLog refusals;
    private final LongAdder refusedOverloaded = new LongAdder();
    private final LongAdder refusedDraining = new LongAdder();

    public AdmissionControl(InFlightLimit limit, Draining draining) {
        this.limit = limit;
        this.draining = draining;
        this.refusals = new RefusalLog(LOG, count -> "Refused " + count + " request(s) with 529 since the last "
                + "report: " + limit.limit() + " requests in flight, the limit (proxy.server.max-concurrent-requests)");
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            // ahead of platform-http's own routes, whatever the order they were added in: first every request's
            // lifecycle, then admission where it counts
            router.route().order(Integer.MIN_VALUE).handler(routing -> {
                ResponseLifecycle.attach(routing);
                routing.next();
            });
            for (String path : COUNTED) {
                router.route(path).order(Integer.MIN_VALUE + 1).handler(this::admit);
            }
        }
    }

    private void admit(RoutingContext routing) {
        HttpMethod method = routing.request().method();
        if (method != HttpMethod.POST && method != HttpMethod.GET) {
            // a wrong method gets its 405 from the HTTP layer, without taking a place
            routing.next();
            return;
        }
        if (draining.active()) {
            refusedDraining.increment();
            refuse(routing, "The proxy is shutting down; retry");
            return;
        }
        if (limit.tryEnter()) {
            ResponseLifecycle.of(routing.response()).whenDone(limit::leave);
            routing.next();
            return;
        }
        refusedOverloaded.increment();
        refuse(routing, "The proxy is serving its limit of " + limit.limit() + " requests at once; retry shortly");
        refusals.refused();
    }

    /** Requests refused because the limit was reached, since the start. */
    public long refusedOverloaded() {
        return refusedOverloaded.sum();
    }

    /** Requests refused because the proxy was shutting down, since the start. */
    public long refusedDraining() {
        return refusedDraining.sum();
    }

    private void refuse(RoutingContext routing, String message) {
        routing.response().putHeader("retry-after", RETRY_AFTER_SECONDS).putHeader("Connection", "close");
        ErrorReply.send(routing.response(), 529, AnthropicErrorType.OVERLOADED, message, Ids.request());
        // the body is read and dropped before the connection closes: closing on unread bytes makes the kernel reset
        // the connection, and the client could lose the 529 it was just sent
        HttpServerRequest request = routing.request();
        request.handler(ignored -> { });
        request.endHandler(ignored -> request.connection().close());
        request.exceptionHandler(ignored -> request.connection().close());
        request.resume();
    }
}
