package dev.ccproxy.camel;

import dev.ccproxy.health.ConnectionTestReport;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.translate.common.TranslationContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;

/**
 * Turns the small model's answer to the probe into the {@code GET /test-connection} report. When the upstream route's
 * error handler has answered a failure, Camel marks the exchange handled and does not run this step at all (measured
 * with Camel 4.18); should it ever run on such an answer, anything but a 200 is left as the Anthropic error it is.
 */
public final class AnswerConnectionTest implements Processor {

    @Override
    public void process(Exchange exchange) throws IOException {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null || status != 200) {
            return;
        }
        TranslationContext context = UpstreamCall.of(exchange).context();
        byte[] message = exchange.getMessage().getBody(byte[].class);
        AnthropicReplies.json(exchange, 200, ConnectionTestReport.of(context.target(),
                ProxyJson.mapper().readTree(message), exchange.getClock().elapsed()));
    }
}
