package dev.ccproxy.http;

import dev.ccproxy.error.AnthropicErrorType;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Anthropic-shaped answers for what Vert.x decides before any Camel route runs: an unknown path (404), a known path
 * with the wrong method (405, with {@code Allow}), a body over {@code proxy.server.max-body-bytes} (413, refused by the
 * body handler without reading it to the end), a path that cannot be decoded (400), a Content-Type or form Vert.x
 * cannot read (400), and any other failure inside the HTTP layer.
 *
 * <p>platform-http mounts its routes on a sub-router whose per-status error handlers Vert.x does not consult, so this
 * adds a last-resort route (404/405) and a failure handler on that sub-router instead.
 */
public final class HttpErrorPages implements StartupListener {

    private static final String UNREADABLE = "The HTTP request could not be read";

    /** The methods Vert.x's body handler may read a form from; on any other, a form content type makes it throw. */
    private static final Set<HttpMethod> FORM_METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the routes' own HTTP routes must exist first: see onCamelContextFullyStarted
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            // ahead of platform-http's routes (and their body handler), after admission control's
            router.route().order(Integer.MIN_VALUE + 2).handler(HttpErrorPages::refuseWhatTheBodyHandlerCannotRead);
            router.route().last().handler(routing -> notFoundOrWrongMethod(router, routing));
            router.route().failureHandler(HttpErrorPages::failure);
            // a path Vert.x cannot decode (%zz) fails before any route matches it, so no failure handler sees it
            router.errorHandler(400, routing -> reply(routing, 400, AnthropicErrorType.INVALID_REQUEST, UNREADABLE));
        }
    }

    /**
     * What Vert.x's body handler would fail on inside the HTTP layer, as a 500 or with no answer at all, answered as
     * the client's mistake (400) before it runs: a Content-Type whose parameters Vert.x cannot parse (an unclosed
     * quote, {@code charset="}: platform-http reads the charset of every request), a form body on a method Vert.x
     * reads no form from (a GET), and a form body whose query string cannot be decoded (the handler merges the two,
     * and its exception there leaves the request unanswered).
     */
    private static void refuseWhatTheBodyHandlerCannotRead(RoutingContext routing) {
        String unreadable = unreadableByTheBodyHandler(routing);
        if (unreadable == null) {
            routing.next();
        } else {
            reply(routing, 400, AnthropicErrorType.INVALID_REQUEST, unreadable);
        }
    }

    private static String unreadableByTheBodyHandler(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType == null) {
            return null;
        }
        try {
            routing.parsedHeaders().contentType().parameters();
        } catch (RuntimeException unparsable) {
            return "The Content-Type header could not be read";
        }
        String mediaType = contentType.toLowerCase(Locale.ROOT);
        boolean form = mediaType.startsWith("multipart/form-data")
                || mediaType.startsWith("application/x-www-form-urlencoded");
        // the body handler reads a form only when a body is declared; without one it steps aside
        boolean declaresBody = request.headers().contains(HttpHeaders.CONTENT_LENGTH)
                || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
        if (!form || !declaresBody) {
            return null;
        }
        if (!FORM_METHODS.contains(request.method())) {
            return "A " + request.method() + " request has no form to read: Content-Type " + mediaType;
        }
        try {
            request.params();
        } catch (IllegalArgumentException undecodable) {
            return "The query string could not be decoded";
        }
        return null;
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
            reply(routing, status, AnthropicErrorType.INVALID_REQUEST, UNREADABLE);
        } else {
            reply(routing, 500, AnthropicErrorType.API, "Internal error in the proxy's HTTP layer");
        }
    }

    private static void reply(RoutingContext routing, int status, AnthropicErrorType type, String message) {
        ErrorReply.send(routing.response(), status, type, message, null);
    }
}
