package dev.ccproxy.mapping;

import dev.ccproxy.anthropic.MessagesRequest;

/** Anthropic request → one upstream API's request body, with the context the way back needs. */
public interface UpstreamRequestMapper {

    TranslationContext context(MessagesRequest request);

    /** The upstream request body, serialised as it is. */
    Object map(MessagesRequest request, TranslationContext context);
}
