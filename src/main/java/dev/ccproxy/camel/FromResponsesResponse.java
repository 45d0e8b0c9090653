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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;

/** Maps the upstream's {@code response} back to an Anthropic message and answers the client with it. */
public final class FromResponsesResponse implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(FromResponsesResponse.class);

    @Override
    public void process(Exchange exchange) {
        TranslationContext context = UpstreamCall.of(exchange).context();
        MessagesResponse response = ResponsesToAnthropicResponse.map(read(exchange.getIn().getBody(InputStream.class)),
                context);
        AnthropicReplies.json(exchange, 200, response);
        LOG.info("{} {} -> {} (responses): 200 {} in {} ms", ClientConnection.of(exchange).requestId(),
                context.requestedModel(), context.upstreamModel(), response.stopReason(),
                exchange.getClock().elapsed());
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
