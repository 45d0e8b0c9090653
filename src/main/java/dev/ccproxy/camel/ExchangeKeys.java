package dev.ccproxy.camel;

/**
 * Names of the exchange properties and headers the processors share. Per-request state lives on the exchange, never
 * in a bean, so one processor instance serves every request.
 */
public final class ExchangeKeys {

    /** {@code req_…}, echoed in the {@code request-id} response header and in error bodies. */
    public static final String REQUEST_ID = "ProxyRequestId";
    /** The parsed {@link dev.ccproxy.anthropic.MessagesRequest}. */
    public static final String MESSAGES_REQUEST = "ProxyMessagesRequest";
    /** Whether the client asked for a stream: the route's choice between relaying SSE and answering JSON. */
    public static final String STREAM = "ProxyStream";
    /** The {@link dev.ccproxy.mapping.TranslationContext} of the upstream call. */
    public static final String TRANSLATION = "ProxyTranslation";

    /**
     * The upstream call's endpoint URI: the provider's URL from configuration (plus camel-http's
     * {@code httpMethod=POST}, and {@code disableStreamCache} for streams); the route's {@code toD} sends there.
     */
    public static final String UPSTREAM_URL = "ProxyUpstreamUrl";

    /** Header the ingress router reads: {@code chat} or {@code responses}. */
    public static final String UPSTREAM_API = "ProxyUpstreamApi";

    private ExchangeKeys() {
    }
}
