package dev.ccproxy.translate.common;

import dev.ccproxy.anthropic.MessagesRequest;

/** Anthropic request → one upstream API's request body, with the context the way back needs. */
public interface AnthropicToUpstreamRequest {

    /** The upstream request body, serialised as it is. */
    Object map(MessagesRequest request, TranslationContext context);
}
