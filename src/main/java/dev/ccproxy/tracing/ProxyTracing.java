package dev.ccproxy.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.ReadableSpan;

import java.util.Map;

/**
 * The proxy's tracing, when it is on: the tracer and propagators Camel's OpenTelemetry tracer uses for the request's
 * server span and camel-http's client span, the client span of a streamed upstream call (which no Camel endpoint makes),
 * and what the server span says about the request.
 *
 * <p>Propagation is W3C trace context only ({@code traceparent}, {@code tracestate}), whatever
 * {@code OTEL_PROPAGATORS} says: a client's {@code baggage} would otherwise travel to the upstream.
 */
public final class ProxyTracing {

    static final String INSTRUMENTATION = "claude-code-proxy";
    static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("proxy.route");
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");

    private static final ContextPropagators W3C = ContextPropagators.create(W3CTraceContextPropagator.getInstance());

    private final Tracer tracer;
    private final Tracer camelTracer;

    public ProxyTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
        this.camelTracer = new KindByParentTracer(openTelemetry.getTracer("camel"));
    }

    /** The tracer for Camel's spans (each given its kind, see {@link KindByParentTracer}). */
    public Tracer camelTracer() {
        return camelTracer;
    }

    /** W3C trace context: what is read from the client and written to the upstream. */
    public ContextPropagators propagators() {
        return W3C;
    }

    /**
     * Names the request's server span, the current span when the request's route ends, {@code POST /v1/messages}
     * style, and records what it did: the route, its HTTP status and, once the request was read, the call it made.
     * Anything else current (no span, or not a server span) is left alone.
     *
     * @param facts null for a request refused before it was read, or one that calls no upstream
     */
    public void describeRequest(String method, String path, String route, int status, CallFacts facts) {
        Span span = Span.current();
        if (!span.getSpanContext().isValid()
                || (span instanceof ReadableSpan readable && readable.getKind() != SpanKind.SERVER)) {
            return;
        }
        span.updateName(method + " " + path);
        span.setAttribute(HTTP_ROUTE, path);
        span.setAttribute(ROUTE, route);
        if (status > 0) {
            span.setAttribute(UpstreamStreamSpan.STATUS, status);
        }
        if (status >= 500) {
            // OpenTelemetry's HTTP conventions: a server span fails on a 5xx only (a 4xx is the client's doing)
            span.setStatus(StatusCode.ERROR);
        }
        if (facts != null) {
            facts.describe(span);
        }
    }

    /**
     * Starts the client span of a streamed upstream call, under the current span (the request's), and writes its
     * {@code traceparent} (and {@code tracestate}) into {@code headers}, the ones the call is sent with.
     */
    public StreamSpan startStream(String url, Map<String, String> headers, CallFacts facts) {
        Span span = tracer.spanBuilder("POST").setSpanKind(SpanKind.CLIENT)
                .setAttribute(METHOD, "POST")
                .setAttribute(URL, url)
                .startSpan();
        facts.describe(span);
        W3C.getTextMapPropagator().inject(Context.current().with(span), headers, Map::put);
        return new UpstreamStreamSpan(span);
    }
}
