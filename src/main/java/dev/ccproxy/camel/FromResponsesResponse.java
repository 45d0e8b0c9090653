package dev.ccproxy.camel;

import dev.ccproxy.anthropic.MessagesResponse;
import dev.ccproxy.error.AnthropicErrorType;
import dev.ccproxy.error.ProxyException;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.openai.responses.ResponsesResponse;
import dev.ccproxy.translate.common.TranslationContext;
import dev.ccproxy.translate.responses.ResponsesToAnthropicResponse;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;
import java.io.InputStream;

/** Maps the upstream's {@code response} back to an Anthropic message and answers the client with it. */
public final class FromResponsesResponse implements Processor {

    @Override
    public void process(Exchange exchange) {
        TranslationContext context = UpstreamCall.of(exchange).context();
        MessagesResponse response = ResponsesToAnthropicResponse.map(read(exchange.getIn().getBody(InputStream.class)),
                context);
        RequestObservation.upstreamAnswered(exchange, response.usage());
        AnthropicReplies.json(exchange, 200, response);
    }

    private static ResponsesResponse read(InputStream body) {
        if (body == null) {
            throw new ProxyException(AnthropicErrorType.API, 502, "The upstream answered with an empty body", null, null);
        }
        try (body) {
            ResponsesResponse response = ProxyJson.mapper().readValue(body, ResponsesResponse.class);
            if (response == null) {
                throw new IOException("empty document");
            }
            return response;
        } catch (IOException e) {
            throw new ProxyException(AnthropicErrorType.API, 502,
                    "The upstream's answer is not a Responses API JSON document", null, e);
        }
    }
}
