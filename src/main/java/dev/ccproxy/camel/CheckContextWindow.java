package dev.ccproxy.camel;

import dev.ccproxy.tokens.ContextWindow;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Refuses, without calling the upstream, a request its model cannot take: above the context window its profile
 * names, it gets Anthropic's {@code prompt is too long} (a 400), which makes Claude Code compact the conversation.
 */
public final class CheckContextWindow implements Processor {

    private final ContextWindow contextWindow;

    public CheckContextWindow(ContextWindow contextWindow) {
        this.contextWindow = contextWindow;
    }

    @Override
    public void process(Exchange exchange) {
        UpstreamCall call = UpstreamCall.of(exchange);
        contextWindow.check(call.request(), call.context().profile().contextWindow());
    }
}
