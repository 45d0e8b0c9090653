package dev.ccproxy.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ccproxy.anthropic.ErrorResponse;
import dev.ccproxy.error.AnthropicErrorType;
import dev.ccproxy.error.RetryAdvice;
import dev.ccproxy.json.ProxyJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Vert.x's HTTP/1 request decoder, stricter where Netty is lenient and request smuggling lives: a request with both
 * {@code Content-Length} and {@code Transfer-Encoding: chunked} is refused (Netty would drop the length and read
 * chunks, which RFC 9112 allows but a proxy behind another one must not: the two may disagree on where the request
 * ends), and so is any version but HTTP/1.0 and HTTP/1.1 (an HTTP/2 preface would otherwise get Vert.x's bare 501).
 * Refused requests reach {@link InvalidRequests}, which answers in Anthropic's envelope and closes the connection.
 * Duplicated or invalid lengths are Netty's own refusals already.
 *
 * <p>A body whose chunked framing breaks (a chunk size that is not hexadecimal) comes after the request has gone to
 * its handlers, and Vert.x would only close the connection: this decoder answers it with a 400 in Anthropic's envelope
 * itself, then closes.
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {

    StrictRequestDecoder(HttpServerOptions options) {
        super(options);
    }

    @Override
    protected HttpMessage createMessage(String[] initialLine) {
        String version = initialLine[2];
        if (!"HTTP/1.1".equals(version) && !"HTTP/1.0".equals(version)) {
            throw new IllegalArgumentException("unsupported version: only HTTP/1.1 is served");
        }
        return super.createMessage(initialLine);
    }

    @Override
    protected void decode(ChannelHandlerContext context, ByteBuf buffer, List<Object> out) throws Exception {
        int before = out.size();
        super.decode(context, buffer, out);
        for (int i = before; i < out.size(); i++) {
            if (out.get(i) instanceof HttpContent content && !(content instanceof HttpMessage)
                    && content.decoderResult().isFailure()) {
                for (int drop = out.size() - 1; drop >= i; drop--) {
                    ReferenceCountUtil.release(out.remove(drop));
                }
                context.writeAndFlush(Unpooled.wrappedBuffer(badFraming())).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
    }

    /** A whole HTTP/1.1 400 in bytes: the encoder comes after this decoder in the pipeline, so nothing encodes it. */
    private static byte[] badFraming() {
        byte[] body;
        try {
            body = ProxyJson.mapper().writeValueAsBytes(ErrorResponse.of(AnthropicErrorType.INVALID_REQUEST.wireName(),
                    "The HTTP request is malformed: its chunked body is not valid chunked encoding", null));
        } catch (JsonProcessingException e) {
            body = new byte[0];
        }
        String head = "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n" + RetryAdvice.HEADER + ": "
                + RetryAdvice.forStatus(400) + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] whole = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, whole, 0, headBytes.length);
        System.arraycopy(body, 0, whole, headBytes.length, body.length);
        return whole;
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        throw new IllegalArgumentException("Transfer-Encoding together with Content-Length");
    }
}
