package dev.ccproxy.camel;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.translate.common.AnthropicToUpstreamRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Maps the Anthropic request to the upstream API's body (Chat Completions or Responses, whichever mapper it is given),
 * for the target {@link ReadMessagesRequest} chose.
 */
public final class ToUpstreamRequest implements Processor {

    private final AnthropicToUpstreamRequest mapper;

    public ToUpstreamRequest(AnthropicToUpstreamRequest mapper) {
        this.mapper = mapper;
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        UpstreamCall call = UpstreamCall.of(exchange);
        // the body is still the client's here: the first step of the upstream route
        byte[] clientBody = exchange.getIn().getBody(byte[].class);
        exchange.getIn().setBody(ProxyJson.mapper().writeValueAsBytes(
                mapper.map(call.request(), call.context(), clientBody)));
    }
}
