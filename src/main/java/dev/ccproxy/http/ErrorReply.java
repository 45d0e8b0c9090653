package dev.ccproxy.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ccproxy.anthropic.ErrorResponse;
import dev.ccproxy.error.AnthropicErrorType;
import dev.ccproxy.error.RetryAdvice;
import dev.ccproxy.json.ProxyJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * An answer the HTTP layer gives itself, before or instead of any Camel route (404, 405, 408, 413, 431, 529, a request
 * the decoder refused): Anthropic's error envelope with its status, {@code x-should-retry} and, when it has one, the
 * request id. Nothing is written to a response that has begun.
 */
final class ErrorReply {

    private ErrorReply() {
    }

    /** @return the response, ended; or untouched when it had begun already */
    static HttpServerResponse send(HttpServerResponse response, int status, AnthropicErrorType type, String message,
            String requestId) {
        if (response.ended() || response.closed() || response.headWritten()) {
            return response;
        }
        HttpLayerAnswers.answered(status);
        byte[] body = body(type, message, requestId);
        response.setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader(RetryAdvice.HEADER, RetryAdvice.forStatus(status));
        if (requestId != null) {
            response.putHeader("request-id", requestId);
        }
        response.end(Buffer.buffer(body));
        return response;
    }

    /** The envelope's bytes (empty in the unlikely case Jackson cannot write it: the status still says enough). */
    static byte[] body(AnthropicErrorType type, String message, String requestId) {
        try {
            return ProxyJson.mapper().writeValueAsBytes(ErrorResponse.of(type.wireName(), message, requestId));
        } catch (JsonProcessingException e) {
            return new byte[0];
        }
    }
}
