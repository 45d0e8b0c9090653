package dev.ccproxy.stream;

import dev.ccproxy.error.ProxyException;
import dev.ccproxy.error.UpstreamSilence;
import dev.ccproxy.observe.LogContext;
import dev.ccproxy.translate.common.UpstreamToAnthropicStream;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Relays one upstream response into the client's response on the event loop that serves both connections: each
 * piece the upstream sends is decoded, translated and written to the client in the same task, with no thread in
 * between and none held while the stream is quiet. A stream costs its two connections and its translator's state.
 *
 * <p>The client's pace sets the upstream's: when the client's write queue is full the upstream is paused until it
 * drains. A stream that fails or loses its client resets the upstream request, which closes that connection at once
 * (nothing is drained, no more tokens are generated for nobody); a completed one leaves it to the pool.
 */
public final class UpstreamPipe implements StreamTimer.Watched {

    private final Context context;
    private final HttpClientResponse upstream;
    private final AtomicReference<Throwable> failedEarly;
    private final VertxSseSink client;
    private final StreamRelay relay;
    private final StreamTimer timer;
    private final CompletableFuture<StreamRelay.Outcome> outcome = new CompletableFuture<>();
    /** {@link System#nanoTime()} by which the upstream must have sent its first piece. */
    private final long firstByteDeadline;
    private final StreamTimeouts timeouts;
    /** The request's ids for the log lines written on the event loop for this stream ({@link LogContext}). */
    private final Map<String, String> logIds;
    private volatile boolean spoke;
    private volatile long firstPieceAt;
    private volatile long endedAt;
    private volatile long lastUpstreamData = System.nanoTime();
    /** Paused for a slow client: the upstream's silence is then ours, not its own. */
    private volatile boolean paused;

    private UpstreamPipe(Context context, HttpClientResponse upstream, AtomicReference<Throwable> failedEarly,
            VertxSseSink client, StreamRelay relay, StreamTimer timer, StreamTimeouts timeouts, long sentAt,
            Map<String, String> logIds) {
        this.logIds = logIds;
        this.failedEarly = failedEarly;
        this.timeouts = timeouts;
        this.firstByteDeadline = sentAt + timeouts.firstByte().toNanos();
        this.context = context;
        this.upstream = upstream;
        this.client = client;
        this.relay = relay;
        this.timer = timer;
    }

    /**
     * Starts relaying on {@code context} (the event loop of both connections); the answer completes when the stream
     * is over and the client's response has ended. {@code sentAt} ({@link System#nanoTime()}) is when the request
     * went upstream: the first-byte timeout counts from there. {@code failedEarly} holds a failure of the upstream's
     * connection that came before the pipe's own handlers were in place. {@code logIds} go with each task run for
     * the stream on the event loop ({@link LogContext#capture} on the request's thread).
     */
    public static UpstreamPipe start(Context context, HttpClientResponse upstream,
            AtomicReference<Throwable> failedEarly, VertxSseSink client, UpstreamToAnthropicStream translator,
            StreamTimer timer, StreamTimeouts timeouts, long sentAt, Map<String, String> logIds) {
        UpstreamPipe pipe = new UpstreamPipe(context, upstream, failedEarly, client,
                new StreamRelay(translator, client), timer, timeouts, sentAt, logIds);
        pipe.onLoop(pipe::begin);
        return pipe;
    }

    /** Runs {@code task} on the stream's event loop, in the request's log context. */
    private void onLoop(Runnable task) {
        context.runOnContext(ignored -> LogContext.run(logIds, task));
    }

    public CompletableFuture<StreamRelay.Outcome> outcome() {
        return outcome;
    }

    /** {@link System#nanoTime()} of the upstream's first piece of the answer; 0 when none came. */
    public long firstPieceAt() {
        return firstPieceAt;
    }

    /** {@link System#nanoTime()} at which the stream was over (valid once {@link #outcome} is done). */
    public long endedAt() {
        return endedAt;
    }

    /** The token counts the client was given (read once {@link #outcome} is done). */
    public UsageCounts usage() {
        return relay.usage();
    }

    /** The client went away (from any thread): the upstream is dropped at once. */
    public void clientGone() {
        onLoop(() -> {
            relay.onClientGone();
            over();
        });
    }

    @Override
    public long lastClientWrite() {
        return client.lastWrite();
    }

    @Override
    public boolean upstreamOverdue(long now) {
        if (paused) {
            return false;
        }
        return spoke ? now - lastUpstreamData >= timeouts.idle().toNanos() : now - firstByteDeadline >= 0;
    }

    @Override
    public void ping() {
        onLoop(() -> {
            if (!outcome.isDone()) {
                client.ping();
            }
        });
    }

    @Override
    public void upstreamSilent() {
        UpstreamSilence silence = spoke ? UpstreamSilence.idle(timeouts.idle())
                : UpstreamSilence.firstByte(timeouts.firstByte());
        onLoop(() -> {
            relay.onFailure(silence);
            over();
        });
    }

    /**
     * The proxy ends the stream itself (the drain at shutdown is over): the client gets {@code error} as the last
     * event, and the upstream is dropped.
     */
    public void endWith(ProxyException why) {
        onLoop(() -> {
            relay.onCut(why.type(), why.getMessage());
            over();
        });
    }

    private void begin() {
        timer.watch(this);
        upstream.handler(piece -> LogContext.run(logIds, () -> onPiece(piece)));
        upstream.endHandler(ignored -> LogContext.run(logIds, () -> {
            relay.onEnd();
            over();
        }));
        upstream.exceptionHandler(failure -> LogContext.run(logIds, () -> {
            relay.onFailure(asIo(failure));
            over();
        }));
        relay.begin();
        Throwable early = failedEarly.get();
        if (early != null && relay.outcome() == null) {
            relay.onFailure(asIo(early));
        }
        if (relay.outcome() != null) {
            over();
        } else {
            upstream.resume();
        }
    }

    private void onPiece(Buffer piece) {
        if (outcome.isDone()) {
            // a completed answer's trailing bytes: read and dropped, so the connection can go back to the pool
            return;
        }
        lastUpstreamData = System.nanoTime();
        if (!spoke) {
            firstPieceAt = lastUpstreamData;
            spoke = true;
        }
        ByteBuf bytes = piece.getByteBuf();
        boolean more;
        if (bytes.hasArray()) {
            more = relay.onBytes(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
        } else {
            byte[] copy = piece.getBytes();
            more = relay.onBytes(copy, 0, copy.length);
        }
        if (!more) {
            over();
        } else if (client.writeQueueFull()) {
            paused = true;
            upstream.pause();
            client.onDrain(() -> {
                paused = false;
                lastUpstreamData = System.nanoTime();
                upstream.resume();
            });
        }
    }

    /** Once the relay has an outcome: end the client's response, let go of the upstream, tell the waiting route. */
    private void over() {
        StreamRelay.Outcome how = relay.outcome();
        if (how == null || outcome.isDone()) {
            return;
        }
        endedAt = System.nanoTime();
        timer.forget(this);
        client.end();
        if (how != StreamRelay.Outcome.COMPLETED || relay.upstreamCutShort()) {
            upstream.request().reset();
        } else {
            upstream.resume();
        }
        outcome.complete(how);
    }

    /** Vert.x reports an idle upstream as a timeout and a dropped one as a closed connection; the relay reads I/O. */
    static IOException asIo(Throwable failure) {
        if (failure instanceof IOException io) {
            return io;
        }
        if (failure instanceof TimeoutException) {
            return new SocketTimeoutException(failure.getMessage());
        }
        return new IOException(failure.getMessage() == null ? "connection closed" : failure.getMessage(), failure);
    }
}
