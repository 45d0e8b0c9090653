package dev.ccproxy.translate.chat;

import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.openai.chat.ChatCompletion;
import dev.ccproxy.testsupport.AnswerGoldenSupport;
import dev.ccproxy.testsupport.GoldenCases;
import dev.ccproxy.testsupport.OpenApiSpec;
import dev.ccproxy.translate.common.TranslationContext;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/** Chat Completions answer → Anthropic message: the cases under {@code golden/chat-to-anthropic}. */
class ChatToAnthropicResponseGoldenTest extends AnswerGoldenSupport {

    @Override
    protected String direction() {
        return "chat-to-anthropic";
    }

    @Override
    protected String defaultRequest() {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    }

    @Override
    protected String upstreamSchema() {
        return OpenApiSpec.CHAT_RESPONSE;
    }

    @Override
    protected Object map(Path upstreamJson, MessagesRequest request, Properties settings) throws IOException {
        ChatCompletion completion = ProxyJson.mapper().readValue(upstreamJson.toFile(), ChatCompletion.class);
        return ChatToAnthropicResponse.map(completion, TranslationContext.of(request, GoldenCases.resolver(settings)));
    }
}
