package dev.ccproxy.translate.responses;

import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.testsupport.GoldenCases;
import dev.ccproxy.testsupport.OpenApiSpec;
import dev.ccproxy.testsupport.RequestGoldenSupport;
import dev.ccproxy.translate.common.TranslationContext;

import java.util.Properties;

/** Anthropic request → Responses API request: the cases under {@code golden/anthropic-to-responses}. */
class AnthropicToResponsesRequestGoldenTest extends RequestGoldenSupport {

    @Override
    protected String direction() {
        return "anthropic-to-responses";
    }

    @Override
    protected String upstreamSchema() {
        return OpenApiSpec.RESPONSES_REQUEST;
    }

    @Override
    protected Object map(MessagesRequest request, Properties settings) {
        return new AnthropicToResponsesRequest(GoldenCases.tokenLimits(settings))
                .map(request, TranslationContext.of(request, GoldenCases.resolver(settings)));
    }
}
