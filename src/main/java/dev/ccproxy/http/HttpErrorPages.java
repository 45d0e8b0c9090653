package dev.ccproxy.http;

import dev.ccproxy.error.AnthropicErrorType;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

import java.util.Set;
import java.util.TreeSet;

/**
 * Anthropic-shaped answers for what Vert.x decides before any Camel route runs: an unknown path (404), a known path
 * with the wrong method (405, with {@code Allow}), a body over {@code proxy.server.max-body-bytes} (413, refused by the
 * body handler without reading it to the end), and any other failure inside the HTTP layer.
 *
 * <p>platform-http mounts its routes on a sub-router whose per-status error handlers Vert.x does not consult, so this
 * adds a last-resort route (404/405) and a failure handler on that sub-router instead.
 */
public final class HttpErrorPages implements StartupListener {

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the routes' own HTTP routes must exist first: see onCamelContextFullyStarted
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            router.route().last().handler(routing -> notFoundOrWrongMethod(router, routing));
            router.route().failureHandler(HttpErrorPages::failure);
        }
    }

    private static void notFoundOrWrongMethod(VertxPlatformHttpRouter router, RoutingContext routing) {
        String path = routing.normalizedPath();
        Set<String> allowed = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            if (path.equals(route.getPath()) && route.methods() != null) {
                route.methods().stream().map(HttpMethod::name).forEach(allowed::add);
            }
        }
        if (allowed.isEmpty()) {
            reply(routing, 404, AnthropicErrorType.NOT_FOUND, "Not found: " + routing.request().method() + " " + path);
        } else {
            routing.response().putHeader("Allow", String.join(", ", allowed));
            reply(routing, 405, AnthropicErrorType.INVALID_REQUEST,
                    "Method " + routing.request().method() + " is not allowed for " + path + " (allowed: "
                            + String.join(", ", allowed) + ")");
        }
    }

    private static void failure(RoutingContext routing) {
        int status = routing.statusCode();
        if (status == 413) {
            reply(routing, 413, AnthropicErrorType.INVALID_REQUEST,
                    "Request body is larger than this proxy accepts (proxy.server.max-body-bytes)");
        } else if (status >= 400 && status < 500) {
            reply(routing, status, AnthropicErrorType.INVALID_REQUEST, "The HTTP request could not be read");
        } else {
            reply(routing, 500, AnthropicErrorType.API, "Internal error in the proxy's HTTP layer");
        }
    }

    private static void reply(RoutingContext routing, int status, AnthropicErrorType type, String message) {
        ErrorReply.send(routing.response(), status, type, message, null);
    }
}
