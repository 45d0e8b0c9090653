package dev.ccproxy.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The {@code onRedelivery} of the retrying {@code onException}: Camel runs it after the back-off, just before the next
 * attempt. If meanwhile the client left, or the proxy cut the call (the whole answer's deadline, the end of the drain
 * at shutdown), there is no next attempt: the upstream never sees it. The exchange is answered as any failure is (a
 * client that left gets nothing; otherwise the cut's error) and its route stops there.
 */
public final class NoRetryWhenOver implements Processor {

    private final AnthropicErrorResponder responder;

    public NoRetryWhenOver(AnthropicErrorResponder responder) {
        this.responder = responder;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if (ClientConnection.of(exchange).over()) {
            responder.process(exchange);
            exchange.setRouteStop(true);
        }
    }
}
