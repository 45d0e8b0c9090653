package dev.ccproxy.camel;

import dev.ccproxy.tracing.CallFacts;
import dev.ccproxy.tracing.ProxyTracing;
import dev.ccproxy.tracing.StreamSpan;
import org.apache.camel.http.base.HttpOperationFailedException;

import java.util.Locale;
import java.util.Map;

/**
 * The client span of each streamed upstream attempt ({@link RelayStreamToClient} makes that call with Vert.x's client,
 * which Camel does not trace). {@link #OFF} when tracing is off: no span, no header, nothing done per request.
 */
@FunctionalInterface
public interface StreamTracing {

    StreamTracing OFF = (call, url, headers) -> StreamSpan.NONE;

    /** Starts the attempt's span and adds its {@code traceparent} to {@code headers}, the ones sent upstream. */
    StreamSpan start(UpstreamCall call, String url, Map<String, String> headers);

    static StreamTracing with(ProxyTracing tracing) {
        return (call, url, headers) -> tracing.startStream(url, headers, facts(call));
    }

    /** An attempt that failed before its stream began: camel-http's exception carries the upstream's status. */
    static void failed(StreamSpan span, Exception failure) {
        span.failed(failure instanceof HttpOperationFailedException http ? http.getStatusCode() : 0, failure);
    }

    /** What the spans say about a call: names only, never a key or content. */
    static CallFacts facts(UpstreamCall call) {
        return new CallFacts(call.context().target().provider().name(), call.api().name().toLowerCase(Locale.ROOT),
                call.context().requestedModel(), call.context().upstreamModel(), call.stream());
    }
}
