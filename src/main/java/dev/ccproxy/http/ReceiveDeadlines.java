package dev.ccproxy.http;

import dev.ccproxy.config.RequestLimits;
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
 *
 * <p>No timer per request: each connection notes its deadlines (a few field writes a request), and one periodic task
 * walks the open connections a few times a second. A timer set and cancelled for every request, from the request's
 * own thread when its answer ends, woke an event loop each time: measured, 50-60 µs added to every whole answer.
 */
final class ReceiveDeadlines {

    /** One connection's deadlines ({@link System#nanoTime()}; 0: none). */
    private static final class Deadlines {
        volatile long headersDue;
        volatile long bodyDue;
        volatile HttpServerRequest awaitingBody;
    }

    private final long headersNanos;
    private final long bodyNanos;
    private final Map<HttpConnection, Deadlines> open = new ConcurrentHashMap<>();

    /** Walks the connections on one of {@code vertx}'s event loops, often enough for a quarter of either timeout. */
    ReceiveDeadlines(Vertx vertx, RequestLimits limits) {
        this.headersNanos = Math.max(1, limits.headersTimeout().toNanos());
        this.bodyNanos = Math.max(1, limits.bodyTimeout().toNanos());
        long period = Math.max(50, Math.min(1000,
                Math.min(limits.headersTimeout().toMillis(), limits.bodyTimeout().toMillis()) / 4));
        vertx.setPeriodic(period, ignored -> walk());
    }

    /** A connection opened: its first request's headers are awaited. */
    void connected(HttpConnection connection) {
        Deadlines deadlines = new Deadlines();
        deadlines.headersDue = due(headersNanos);
        open.put(connection, deadlines);
        connection.closeHandler(ignored -> open.remove(connection));
    }

    /** A request's headers are in: its body is awaited (then it is served, without a deadline here). */
    void headersReceived(HttpServerRequest request) {
        Deadlines deadlines = open.get(request.connection());
        if (deadlines == null) {
            return;
        }
        deadlines.headersDue = 0;
        if (!request.isEnded()) {
            deadlines.awaitingBody = request;
            deadlines.bodyDue = due(bodyNanos);
        }
    }

    /** A request has been answered: the connection's next request's headers are awaited. */
    void answered(HttpConnection connection) {
        Deadlines deadlines = open.get(connection);
        if (deadlines != null) {
            deadlines.awaitingBody = null;
            deadlines.headersDue = due(headersNanos);
        }
    }

    private void walk() {
        long now = System.nanoTime();
        open.forEach((connection, deadlines) -> {
            HttpServerRequest request = deadlines.awaitingBody;
            if (request != null) {
                if (request.isEnded()) {
                    deadlines.awaitingBody = null;
                } else if (now - deadlines.bodyDue >= 0) {
                    deadlines.awaitingBody = null;
                    bodyTooSlow(request);
                }
                return;
            }
            long headersDue = deadlines.headersDue;
            if (headersDue != 0 && now - headersDue >= 0 && open.remove(connection) != null) {
                headersTooSlow(connection);
            }
        });
    }

    private static long due(long inNanos) {
        long due = System.nanoTime() + inNanos;
        return due == 0 ? 1 : due;
    }

    private void headersTooSlow(HttpConnection connection) {
        if (connection instanceof ConnectionBase base
                && base.channel().pipeline().get(StrictRequestDecoder.class) instanceof StrictRequestDecoder decoder
                && decoder.midHeaders()) {
            byte[] answer = StrictRequestDecoder.answer(408, "Request Timeout", AnthropicErrorType.TIMEOUT,
                    "The request's headers did not arrive within " + headersNanos / 1e9
                            + " s (proxy.server.headers-timeout-seconds)");
            // written from the decoder's place in the pipeline, below Vert.x's encoder, which takes only its own objects
            base.channel().pipeline().context(decoder).writeAndFlush(Unpooled.wrappedBuffer(answer))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        connection.close();
    }

    private void bodyTooSlow(HttpServerRequest request) {
        if (request.response().headWritten()) {
            return;
        }
        request.response().putHeader("Connection", "close");
        ErrorReply.send(request.response(), 408, AnthropicErrorType.TIMEOUT,
                "The request body did not arrive within " + bodyNanos / 1e9 + " s (proxy.server.body-timeout-seconds)",
                null);
        request.connection().close();
    }
}
