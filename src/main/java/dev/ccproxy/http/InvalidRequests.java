package dev.ccproxy.http;

import dev.ccproxy.error.AnthropicErrorType;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Requests the HTTP decoder refused before any route could see them: a request line or headers too long, a
 * duplicated or invalid {@code Content-Length}, both {@code Content-Length} and {@code Transfer-Encoding}, a line
 * that is not HTTP. Vert.x would answer an empty 400; the client gets Anthropic's envelope instead (414, 431 or 400,
 * with a reason in words, never the decoder's exception), and the connection is closed, since what follows on it
 * cannot be trusted to be the next request (request smuggling).
 */
final class InvalidRequests {

    private InvalidRequests() {
    }

    static void answer(HttpServerRequest request) {
        DecoderResult result = request.decoderResult();
        Throwable cause = result == null ? null : result.cause();
        int status;
        String message;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            message = "The request line is longer than this proxy accepts";
        } else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
            status = 431;
            message = "The request's headers are larger than this proxy accepts (proxy.server.max-header-bytes)";
        } else {
            status = 400;
            message = "The HTTP request is malformed" + reason(cause);
        }
        request.response().putHeader("Connection", "close");
        ErrorReply.send(request.response(), status, AnthropicErrorType.INVALID_REQUEST, message, null);
        request.connection().close();
    }

    /** What Netty found, in words: its messages name the header at fault and never echo a value. */
    private static String reason(Throwable cause) {
        String text = cause == null ? null : cause.getMessage();
        if (text == null) {
            return "";
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("transfer-encoding")) {
            return ": it has both Transfer-Encoding and Content-Length, or an invalid Transfer-Encoding";
        }
        if (lower.contains("content-length")) {
            return ": its Content-Length is duplicated or invalid";
        }
        if (lower.contains("unsupported version")) {
            return ": only HTTP/1.1 is served";
        }
        return ": the request line or a header is not valid HTTP/1.1";
    }
}
