package dev.ccproxy.translate.responses;

import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.openai.responses.ResponsesResponse;
import dev.ccproxy.testsupport.AnswerGoldenSupport;
import dev.ccproxy.testsupport.GoldenCases;
import dev.ccproxy.testsupport.OpenApiSpec;
import dev.ccproxy.translate.common.TranslationContext;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Responses API answer → Anthropic message: the cases under {@code golden/responses-to-anthropic}. Without a
 * {@code request.json} the client asked for a web search.
 */
class ResponsesToAnthropicResponseGoldenTest extends AnswerGoldenSupport {

    @Override
    protected String direction() {
        return "responses-to-anthropic";
    }

    @Override
    protected String defaultRequest() {
        return "{\"model\":\"claude-opus-5-5\",\"max_tokens\":1024,"
                + "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":8}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Search the web\"}]}";
    }

    @Override
    protected String upstreamSchema() {
        return OpenApiSpec.RESPONSE;
    }

    @Override
    protected Object map(Path upstreamJson, MessagesRequest request, Properties settings) throws IOException {
        ResponsesResponse response = ProxyJson.mapper().readValue(upstreamJson.toFile(), ResponsesResponse.class);
        return ResponsesToAnthropicResponse.map(response, TranslationContext.of(request, GoldenCases.resolver(settings)));
    }
}
