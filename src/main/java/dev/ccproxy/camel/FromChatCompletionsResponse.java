package dev.ccproxy.camel;

import dev.ccproxy.anthropic.MessagesResponse;
import dev.ccproxy.error.AnthropicErrorType;
import dev.ccproxy.error.ProxyException;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.openai.chat.ChatCompletion;
import dev.ccproxy.translate.chat.ChatToAnthropicResponse;
import dev.ccproxy.translate.common.TranslationContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;
import java.io.InputStream;

/** Maps the upstream's {@code chat.completion} back to an Anthropic message and answers the client with it. */
public final class FromChatCompletionsResponse implements Processor {

    @Override
    public void process(Exchange exchange) {
        TranslationContext context = UpstreamCall.of(exchange).context();
        ChatCompletion completion = read(exchange.getIn().getBody(InputStream.class));
        MessagesResponse response = ChatToAnthropicResponse.map(completion, context);
        RequestObservation.upstreamAnswered(exchange, response.usage());
        AnthropicReplies.json(exchange, 200, response);
    }

    private static ChatCompletion read(InputStream body) {
        if (body == null) {
            throw new ProxyException(AnthropicErrorType.API, 502, "The upstream answered with an empty body", null, null);
        }
        try (body) {
            ChatCompletion completion = ProxyJson.mapper().readValue(body, ChatCompletion.class);
            if (completion == null) {
                throw new IOException("empty document");
            }
            return completion;
        } catch (IOException e) {
            throw new ProxyException(AnthropicErrorType.API, 502,
                    "The upstream's answer is not a Chat Completions JSON document", null, e);
        }
    }
}
