package dev.ccproxy.camel;

import dev.ccproxy.tracing.ProxyTracing;
import io.vertx.core.http.HttpServerResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Describes each request on its server span as its route ends: {@code POST /v1/messages}, the route, the status the
 * client got and, for a request that called an upstream, the provider, API and models. Only when tracing is on, and
 * only on the routes that serve HTTP.
 *
 * <p>Registered before Camel's tracer, on purpose: route policies run in the order of their factories, so this one's
 * {@code onExchangeDone} runs while the server span is still open and current, just before Camel's ends it.
 */
final class TracedRequests implements RoutePolicyFactory {

    private static final String METHOD = "ProxyTracedMethod";

    private final ProxyTracing tracing;

    TracedRequests(ProxyTracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode node) {
        if (!(node instanceof RouteDefinition route) || route.getInput() == null
                || !route.getInput().getEndpointUri().startsWith("platform-http:")) {
            return null;
        }
        return new RoutePolicySupport() {
            @Override
            public void onExchangeBegin(Route route, Exchange exchange) {
                // the steps replace the message (and its headers) on the way
                exchange.setProperty(METHOD, exchange.getIn().getHeader(Exchange.HTTP_METHOD, String.class));
            }

            @Override
            public void onExchangeDone(Route route, Exchange exchange) {
                String path = route.getEndpoint() instanceof PlatformHttpEndpoint http ? http.getPath() : "";
                UpstreamCall call = UpstreamCall.find(exchange);
                tracing.describeRequest(exchange.getProperty(METHOD, "", String.class), path, route.getRouteId(),
                        status(exchange), call == null ? null : StreamTracing.facts(call));
            }
        };
    }

    /** The status platform-http is about to write, or the one a stream was answered with. */
    private static int status(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status != null) {
            return status;
        }
        HttpServerResponse response = ClientConnection.of(exchange).response();
        if (response != null && response.headWritten()) {
            return response.getStatusCode();
        }
        return exchange.isFailed() ? 500 : 0;
    }
}
