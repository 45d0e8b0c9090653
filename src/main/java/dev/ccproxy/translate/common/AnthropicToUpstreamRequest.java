package dev.ccproxy.translate.common;

import dev.ccproxy.anthropic.MessagesRequest;

/** Anthropic request → one upstream API's request body, with the context the way back needs. */
public interface AnthropicToUpstreamRequest {

    /**
     * Why a request whose every block was dropped (types the proxy does not take) is refused here: the upstream would
     * get an empty conversation and refuse it less clearly.
     */
    String NOTHING_TO_SEND = "messages: nothing left to send upstream: blocks of types this proxy does not take are "
            + "dropped, and every block of this conversation was";

    /** The upstream request body, serialised as it is. */
    Object map(MessagesRequest request, TranslationContext context);

    /**
     * As {@link #map(MessagesRequest, TranslationContext)}, with the body as the client sent it, for an upstream that
     * takes the client's own protocol and should get every field of it.
     */
    default Object map(MessagesRequest request, TranslationContext context, byte[] clientBody) {
        return map(request, context);
    }
}
