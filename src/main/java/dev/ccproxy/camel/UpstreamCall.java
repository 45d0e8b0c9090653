package dev.ccproxy.camel;

import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.config.UpstreamApi;
import dev.ccproxy.translate.common.TranslationContext;
import org.apache.camel.Exchange;

/**
 * The upstream side of one request: the one piece of per-request state that the steps after
 * {@code read-messages-request} share. The Anthropic request, its translation context (the target provider, upstream
 * model and profile, the tool names), the upstream API that serves it and whether the client streams. The router and
 * the stream-or-answer choice read their decisions from it ({@link UpstreamCallIs}).
 *
 * @param api    the Responses API for requests with Anthropic's web-search tool and for targets configured for it;
 *               Chat Completions otherwise
 * @param stream whether the client asked for a stream (the answer is then relayed as SSE)
 */
public record UpstreamCall(MessagesRequest request, TranslationContext context, UpstreamApi api, boolean stream,
        String anthropicBeta) {

    static final String PROPERTY = "ProxyUpstreamCall";

    /** The call a request makes to its target, on the API that serves it. */
    public static UpstreamCall of(MessagesRequest request, TranslationContext context) {
        return of(request, context, null);
    }

    /**
     * @param anthropicBeta the client's {@code anthropic-beta} header, passed on to an Anthropic-speaking upstream
     *                      (and to no other)
     */
    public static UpstreamCall of(MessagesRequest request, TranslationContext context, String anthropicBeta) {
        UpstreamApi target = context.target().api();
        // an Anthropic-speaking target takes everything as it is, web search included (its own server tool)
        UpstreamApi api = target == UpstreamApi.ANTHROPIC ? UpstreamApi.ANTHROPIC
                : request.wantsWebSearch() || target == UpstreamApi.RESPONSES ? UpstreamApi.RESPONSES : UpstreamApi.CHAT;
        return new UpstreamCall(request, context, api, request.streaming(),
                api == UpstreamApi.ANTHROPIC ? anthropicBeta : null);
    }

    void attachTo(Exchange exchange) {
        exchange.setProperty(PROPERTY, this);
    }

    /** The exchange's call; the steps that read it come after the step that made it. */
    static UpstreamCall of(Exchange exchange) {
        UpstreamCall call = find(exchange);
        if (call == null) {
            throw new IllegalStateException("No upstream call on the exchange: read-messages-request did not run");
        }
        return call;
    }

    /** The exchange's call, or null before one was made (a request refused before it was read). */
    static UpstreamCall find(Exchange exchange) {
        return exchange.getProperty(PROPERTY, UpstreamCall.class);
    }

    /** For log lines: " (responses)" after the model names of Responses API calls. */
    String apiLabel() {
        return api == UpstreamApi.RESPONSES ? " (responses)" : api == UpstreamApi.ANTHROPIC ? " (anthropic)" : "";
    }
}
