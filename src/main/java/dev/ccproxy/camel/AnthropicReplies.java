package dev.ccproxy.camel;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ccproxy.json.ProxyJson;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.nio.ByteBuffer;

/**
 * Writes a JSON answer to the client, or marks the exchange as answered already. Every header on the message is dropped first: platform-http copies message
 * headers to the response, and they may still hold the client's or the upstream's. What goes out is only the content
 * type, the request id and, for rate limits, {@code retry-after}. The body is a {@link ByteBuffer}: platform-http
 * writes it in one piece with a Content-Length, where a byte[] would be turned into an InputStream and pumped through
 * worker threads in 8 KB reads (half of all the proxy's allocations in a profile).
 */
final class AnthropicReplies {

    static final String JSON = "application/json";

    private AnthropicReplies() {
    }

    static void json(Exchange exchange, int status, Object body) {
        byte[] bytes;
        try {
            bytes = ProxyJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An Anthropic answer could not be written as JSON", e);
        }
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, JSON);
        String requestId = ClientConnection.of(exchange).requestId();
        if (requestId != null) {
            message.setHeader("request-id", requestId);
        }
        message.setBody(ByteBuffer.wrap(bytes));
    }

    /**
     * Nothing more for platform-http to write: the response was written elsewhere (a stream, on its event loop) or
     * there is no one left to read it.
     */
    static void alreadyAnswered(Exchange exchange) {
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setBody(null);
    }
}
