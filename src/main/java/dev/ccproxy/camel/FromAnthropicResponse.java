package dev.ccproxy.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccproxy.error.AnthropicErrorType;
import dev.ccproxy.error.ProxyException;
import dev.ccproxy.json.ProxyJson;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;

/**
 * An Anthropic-speaking upstream's whole answer, passed on as it came but for the model, which is the one the client
 * asked for, and the context edits the proxy applied.
 */
public final class FromAnthropicResponse implements Processor {

    @Override
    public void process(Exchange exchange) throws IOException {
        UpstreamCall call = UpstreamCall.of(exchange);
        JsonNode answer = ProxyJson.mapper().readTree(exchange.getIn().getBody(byte[].class));
        if (!(answer instanceof ObjectNode message) || !"message".equals(message.path("type").asText())) {
            throw new ProxyException(AnthropicErrorType.API, 502,
                    "The upstream's answer is not an Anthropic message", null, null);
        }
        RequestObservation.upstreamAnswered(exchange, message.path("usage"));
        message.put("model", call.context().requestedModel());
        if (call.context().contextManagement() != null) {
            message.set("context_management", call.context().contextManagement());
        }
        AnthropicReplies.json(exchange, 200, message);
    }
}
