package dev.ccproxy.http;

import dev.ccproxy.error.AnthropicErrorType;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slow clients cannot hold connections forever (a slowloris sends a header byte now and then, and would never be idle
 * for Vert.x's idle timeout):
 * <ul>
 *   <li>a connection must deliver a request's headers within {@code proxy.server.headers-timeout-seconds} of opening,
 *       or of its previous response's end; otherwise it gets 408 {@code timeout_error} if a request had begun, and is
 *       closed (an idle keep-alive connection is closed without a word: it asked nothing);</li>
 *   <li>once the headers are in, the body must be complete within {@code proxy.server.body-timeout-seconds}: otherwise
 *       408 {@code timeout_error} in Anthropic's envelope, and the connection is closed.</li>
 * </ul>
 * A request that is being answered has no deadline here: the upstream's timeouts bound that.
 */
final class ReceiveDeadlines {

    private final Vertx vertx;
    private final long headersMillis;
    private final long bodyMillis;
    /** Each open connection's header timer (-1 while one of its requests is being served). */
    private final Map<HttpConnection, Long> headerTimers = new ConcurrentHashMap<>();

    ReceiveDeadlines(Vertx vertx, dev.ccproxy.config.RequestLimits limits) {
        this.vertx = vertx;
        this.headersMillis = Math.max(1, limits.headersTimeout().toMillis());
        this.bodyMillis = Math.max(1, limits.bodyTimeout().toMillis());
    }

    /** A connection opened (on its event loop): its first request's headers are awaited. */
    void connected(HttpConnection connection) {
        awaitHeaders(connection);
        connection.closeHandler(ignored -> {
            Long timer = headerTimers.remove(connection);
            if (timer != null && timer >= 0) {
                vertx.cancelTimer(timer);
            }
        });
    }

    /** A request's headers are in: its body is awaited (then it is served, without a deadline here). */
    void headersReceived(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        Long timer = headerTimers.put(connection, -1L);
        if (timer != null && timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (!request.isEnded()) {
            long bodyTimer = vertx.setTimer(bodyMillis, ignored -> bodyTooSlow(request));
            request.end().onComplete(ignored -> vertx.cancelTimer(bodyTimer));
        }
    }

    /** A request has been answered: the connection's next request's headers are awaited. */
    void answered(HttpConnection connection) {
        if (headerTimers.containsKey(connection)) {
            awaitHeaders(connection);
        }
    }

    private void awaitHeaders(HttpConnection connection) {
        long timer = vertx.setTimer(headersMillis, ignored -> {
            if (headerTimers.remove(connection) != null) {
                headersTooSlow(connection);
            }
        });
        if (headerTimers.replace(connection, timer) == null && headerTimers.putIfAbsent(connection, timer) != null) {
            vertx.cancelTimer(timer);
        }
    }

    private void headersTooSlow(HttpConnection connection) {
        if (connection instanceof ConnectionBase base
                && base.channel().pipeline().get(StrictRequestDecoder.class) instanceof StrictRequestDecoder decoder
                && decoder.midHeaders()) {
            byte[] answer = StrictRequestDecoder.answer(408, "Request Timeout", AnthropicErrorType.TIMEOUT,
                    "The request's headers did not arrive within " + headersMillis / 1000.0
                            + " s (proxy.server.headers-timeout-seconds)");
            // written from the decoder's place in the pipeline, below Vert.x's encoder, which takes only its own objects
            base.channel().pipeline().context(decoder).writeAndFlush(Unpooled.wrappedBuffer(answer))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        connection.close();
    }

    private void bodyTooSlow(HttpServerRequest request) {
        if (request.isEnded() || request.response().headWritten()) {
            return;
        }
        request.response().putHeader("Connection", "close");
        ErrorReply.send(request.response(), 408, AnthropicErrorType.TIMEOUT,
                "The request body did not arrive within " + bodyMillis / 1000.0
                        + " s (proxy.server.body-timeout-seconds)", null);
        request.connection().close();
    }
}
