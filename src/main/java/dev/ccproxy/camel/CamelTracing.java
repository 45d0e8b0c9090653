package dev.ccproxy.camel;

import dev.ccproxy.config.TracingSettings;
import dev.ccproxy.tracing.ProxyTracing;
import dev.ccproxy.tracing.TracingSdk;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns tracing on with Camel's OpenTelemetry tracer (camel-opentelemetry2: the one built on camel-telemetry, which
 * Camel recommends over the older camel-opentelemetry, and which brings the OpenTelemetry SDK alone where the older
 * one brings gRPC and Guava too) — or does nothing at all: with {@code proxy.tracing.enabled} off no tracer, route
 * policy or event notifier is installed and no SDK is built, so a request runs exactly as without tracing.
 *
 * <p>When on, one request is one server span (its platform-http route) with a client span under it for each upstream
 * attempt: camel-http's, traced by Camel, and the streamed ones, traced by {@link StreamTracing}. Everything else Camel
 * would trace is excluded: the direct: hops between the proxy's routes and the health and preflight endpoints, which
 * orchestrators and Claude Code call every few seconds.
 */
public final class CamelTracing {

    /**
     * Endpoints Camel's tracer leaves alone: its exclude patterns, matched against the endpoints' normalised URIs
     * ({@code platform-http:///health?httpMethodRestrict=GET,HEAD}), a trailing * matching any rest. The last one is
     * the root path, {@code HEAD /}.
     */
    static final String EXCLUDED = "direct:*,platform-http:///health*,platform-http:///api/hello*,platform-http:///?*";

    private static final Logger LOG = LoggerFactory.getLogger(CamelTracing.class);

    private CamelTracing() {
    }

    /**
     * Installs tracing if the settings ask for it, on the OpenTelemetry in the registry if there is one (an application
     * that embeds the proxy, or a test, brings its own) or else on the SDK the {@code OTEL_*} variables configure.
     */
    public static StreamTracing install(CamelContext context, TracingSettings settings) {
        if (!settings.enabled()) {
            return StreamTracing.OFF;
        }
        OpenTelemetry openTelemetry = context.getRegistry().findSingleByType(OpenTelemetry.class);
        if (openTelemetry == null) {
            OpenTelemetrySdk sdk = TracingSdk.fromEnvironment();
            openTelemetry = sdk;
            context.addLifecycleStrategy(new LifecycleStrategySupport() {
                @Override
                public void onContextStopped(CamelContext stopped) {
                    // after the drain: its requests' spans go out too
                    sdk.close();
                }
            });
        }
        ProxyTracing tracing = new ProxyTracing(openTelemetry);
        // Camel's tracer takes the tracer and propagators it finds in the registry
        context.getRegistry().bind("proxyTracer", Tracer.class, tracing.camelTracer());
        context.getRegistry().bind("proxyTracePropagators", ContextPropagators.class, tracing.propagators());
        // before Camel's tracer adds its own route policies (see TracedRequests)
        context.addRoutePolicyFactory(new TracedRequests(tracing));
        OpenTelemetryTracer tracer = new ExclusionCachingTracer();
        tracer.setExcludePatterns(EXCLUDED);
        tracer.init(context);
        LOG.info("Tracing on: OpenTelemetry spans per request, W3C traceparent sent upstream (exporter from OTEL_*)");
        return StreamTracing.with(tracing);
    }
}
