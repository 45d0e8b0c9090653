package dev.ccproxy.http;

import dev.ccproxy.error.AnthropicErrorType;
import dev.ccproxy.error.RetryAdvice;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.LastHttpContent;
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
 * itself, then closes. It also knows whether a request has begun whose headers are not complete, so that a slow
 * client gets a 408 where an idle connection is simply closed ({@link ReceiveDeadlines}).
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {

    /** Whether the connection is between requests: the last one's body is complete (or none came yet). */
    private boolean betweenRequests = true;
    /** Bytes of a request have come, its headers not all yet: a slow client, not an idle keep-alive connection. */
    private volatile boolean midHeaders;

    StrictRequestDecoder(HttpServerOptions options) {
        super(options);
    }

    /** Whether a request has begun on the connection whose headers are not complete (read on the event loop). */
    boolean midHeaders() {
        return midHeaders;
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
        boolean bytesCame = buffer.isReadable();
        super.decode(context, buffer, out);
        for (int i = before; i < out.size(); i++) {
            if (out.get(i) instanceof HttpMessage) {
                betweenRequests = false;
            } else if (out.get(i) instanceof LastHttpContent) {
                betweenRequests = true;
            }
        }
        midHeaders = betweenRequests && bytesCame && out.size() == before || midHeaders && out.size() == before;
        for (int i = before; i < out.size(); i++) {
            if (out.get(i) instanceof HttpContent content && !(content instanceof HttpMessage)
                    && content.decoderResult().isFailure()) {
                for (int drop = out.size() - 1; drop >= i; drop--) {
                    ReferenceCountUtil.release(out.remove(drop));
                }
                context.writeAndFlush(Unpooled.wrappedBuffer(answer(400, "Bad Request",
                        AnthropicErrorType.INVALID_REQUEST,
                        "The HTTP request is malformed: its chunked body is not valid chunked encoding")))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
    }

    /**
     * A whole HTTP/1.1 answer in bytes, with {@code Connection: close}, for where no Vert.x response exists (a body
     * that broke after its request went to the handlers, headers that never came): written below Vert.x's encoder.
     */
    static byte[] answer(int status, String reason, AnthropicErrorType type, String message) {
        HttpLayerAnswers.answered(status);
        byte[] body = ErrorReply.body(type, message, null);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\n"
                + RetryAdvice.HEADER + ": " + RetryAdvice.forStatus(status) + "\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
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
