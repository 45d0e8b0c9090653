package dev.ccproxy.translate.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.GoldenCases;
import dev.ccproxy.testsupport.OpenApiSpec;
import dev.ccproxy.testsupport.ResponsesSse;
import dev.ccproxy.testsupport.StreamGoldenSupport;
import dev.ccproxy.tokens.RequestTokens;
import dev.ccproxy.tokens.TextTokens;
import dev.ccproxy.translate.common.UpstreamToAnthropicStream;
import dev.ccproxy.translate.common.TranslationContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Recorded Responses API streams → Anthropic events: the cases under {@code golden/stream-responses}, each with
 * {@code upstream.events.txt} (one event a line, the JSON OpenAI sends after {@code data:}; its {@code type} is also
 * the SSE event name). Every upstream event is validated against its own schema in OpenAI's spec. Without a
 * {@code request.json} the client asked for a web search.
 */
class ResponsesToAnthropicStreamGoldenTest extends StreamGoldenSupport {

    private static final RequestTokens INPUT_TOKENS = new RequestTokens(new TextTokens(1 << 20));

    @Override
    protected String direction() {
        return "stream-responses";
    }

    @Override
    protected String defaultRequest() {
        return "{\"model\":\"claude-opus-5-5\",\"max_tokens\":1024,\"stream\":true,"
                + "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":8}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Search the web\"}]}";
    }

    @Override
    protected UpstreamToAnthropicStream translator(MessagesRequest request, Properties settings) {
        return new ResponsesToAnthropicStream(TranslationContext.of(request, GoldenCases.resolver(settings)),
                INPUT_TOKENS.count(request));
    }

    @Override
    protected byte[] upstreamSse(Path dir) {
        return ResponsesSse.body(ResponsesSse.events(dir)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void assertUpstreamSatisfiesSpec(Path dir) throws IOException {
        for (String line : ResponsesSse.events(dir)) {
            JsonNode event = ProxyJson.mapper().readTree(line);
            OpenApiSpec.assertValid(OpenApiSpec.responsesStreamEventSchema(event.path("type").asText()), event);
        }
    }
}
