package dev.ccproxy.camel;

import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.anthropic.MessagesRequestReader;
import dev.ccproxy.config.RequestLimits;
import dev.ccproxy.anthropic.TokenCount;
import dev.ccproxy.tokens.RequestTokens;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code POST /v1/messages/count_tokens} locally: no upstream has Anthropic's endpoint, and Claude Code calls
 * it dozens of times a second at start-up and for {@code /context}. Bad input gets the same 400s as
 * {@code /v1/messages} (except that {@code max_tokens} is not required).
 */
public final class CountTokens implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(CountTokens.class);

    private final RequestTokens tokens;
    private final RequestLimits limits;

    public CountTokens(RequestTokens tokens, RequestLimits limits) {
        this.tokens = tokens;
        this.limits = limits;
    }

    @Override
    public void process(Exchange exchange) {
        MessagesRequest request = MessagesRequestReader.readForCounting(exchange.getIn().getBody(byte[].class));
        MessagesRequestReader.requireWithin(request, limits.maxMessages(), limits.maxTools());
        int count = tokens.count(request);
        LOG.debug("{} count_tokens {}: {} tokens in {} ms", ClientConnection.of(exchange).requestId(),
                request.model(), count, exchange.getClock().elapsed());
        AnthropicReplies.json(exchange, 200, new TokenCount(count));
    }
}
