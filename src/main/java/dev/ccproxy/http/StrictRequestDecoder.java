package dev.ccproxy.http;

import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;

/**
 * Vert.x's HTTP/1 request decoder, stricter where Netty is lenient and request smuggling lives: a request with both
 * {@code Content-Length} and {@code Transfer-Encoding: chunked} is refused (Netty would drop the length and read
 * chunks, which RFC 9112 allows but a proxy behind another one must not: the two may disagree on where the request
 * ends), and so is any version but HTTP/1.0 and HTTP/1.1 (an HTTP/2 preface would otherwise get Vert.x's bare 501).
 * Refused requests reach {@link InvalidRequests}, which answers in Anthropic's envelope and closes the connection.
 * Duplicated or invalid lengths are Netty's own refusals already.
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
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        throw new IllegalArgumentException("Transfer-Encoding together with Content-Length");
    }
}
