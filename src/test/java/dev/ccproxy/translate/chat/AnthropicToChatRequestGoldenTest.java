package dev.ccproxy.translate.chat;

import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.testsupport.GoldenCases;
import dev.ccproxy.testsupport.OpenApiSpec;
import dev.ccproxy.testsupport.RequestGoldenSupport;
import dev.ccproxy.translate.common.TranslationContext;

import java.util.Properties;

/** Anthropic request → Chat Completions request: the cases under {@code golden/anthropic-to-chat}. */
class AnthropicToChatRequestGoldenTest extends RequestGoldenSupport {

    @Override
    protected String direction() {
        return "anthropic-to-chat";
    }

    @Override
    protected String upstreamSchema() {
        return OpenApiSpec.CHAT_REQUEST;
    }

    @Override
    protected Object map(MessagesRequest request, Properties settings) {
        return new AnthropicToChatRequest(GoldenCases.tokenLimits(settings))
                .map(request, TranslationContext.of(request, GoldenCases.resolver(settings)));
    }
}
