package dev.ccproxy.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

/**
 * What the proxy's spans say about the call a request made: which provider and API served it, the model the client
 * asked for and the one sent upstream. Names only: never a key, never message content.
 *
 * @param api {@code chat}, {@code responses} or {@code anthropic}
 */
public record CallFacts(String provider, String api, String requestedModel, String upstreamModel, boolean stream) {

    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("proxy.provider");
    static final AttributeKey<String> API = AttributeKey.stringKey("proxy.api");
    static final AttributeKey<String> REQUESTED_MODEL = AttributeKey.stringKey("proxy.model.requested");
    static final AttributeKey<String> UPSTREAM_MODEL = AttributeKey.stringKey("proxy.model.upstream");
    static final AttributeKey<Boolean> STREAM = AttributeKey.booleanKey("proxy.stream");

    void describe(Span span) {
        span.setAttribute(PROVIDER, provider);
        span.setAttribute(API, api);
        span.setAttribute(REQUESTED_MODEL, requestedModel);
        span.setAttribute(UPSTREAM_MODEL, upstreamModel);
        span.setAttribute(STREAM, stream);
    }
}
