package dev.ccproxy.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ccproxy.anthropic.StreamEvent;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.translate.common.EventSink;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes Anthropic SSE straight to the client's Vert.x response, each batch of events as soon as it exists: this is
 * what makes a Camel route stream at all (a stream handed to platform-http as the body is buffered).
 *
 * <p>It belongs to the event loop of the client's connection: {@link #send} and {@link #end} run there, as the
 * {@link UpstreamPipe} that drives it does, so nothing needs a lock and every write goes to the socket without a
 * hand-over between threads. What comes from elsewhere (the error handler's last word) is handed to that event loop.
 */
public final class VertxSseSink implements EventSink {

    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.UTF_8);

    private final HttpServerResponse response;
    /** The event loop of the client's connection. */
    private final Context context;
    private volatile long lastWrite = System.nanoTime();
    private volatile boolean ended;

    private VertxSseSink(HttpServerResponse response, Context context) {
        this.response = response;
        this.context = context;
    }

    /**
     * Prepares {@code 200} and the SSE headers (they go out with the first event). From here on the response can only
     * be this stream: a failure becomes its last event ({@link #failAndEnd}).
     */
    public static VertxSseSink open(HttpServerResponse response, Context context, String requestId) {
        if (response.closed()) {
            throw new ClientGoneException();
        }
        response.setStatusCode(200)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no")
                .setChunked(true);
        if (requestId != null) {
            response.putHeader("request-id", requestId);
        }
        return new VertxSseSink(response, context);
    }

    /** Writes the events now (on the response's event loop). */
    @Override
    public void send(List<StreamEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        if (ended || response.closed()) {
            throw new ClientGoneException();
        }
        try {
            response.write(frames(events));
        } catch (IllegalStateException closedMeanwhile) {
            throw new ClientGoneException();
        }
        lastWrite = System.nanoTime();
    }

    @Override
    public boolean clientGone() {
        return response.closed();
    }

    /** Whether the client reads more slowly than the stream comes: the upstream should wait for {@link #onDrain}. */
    public boolean writeQueueFull() {
        return response.writeQueueFull();
    }

    /** Runs {@code drained} once the client has caught up. */
    public void onDrain(Runnable drained) {
        response.drainHandler(ignored -> drained.run());
    }

    /** When the client was last written to ({@link System#nanoTime()}). */
    public long lastWrite() {
        return lastWrite;
    }

    /**
     * A keep-alive {@code ping} (on the event loop), unless the stream has ended or the client's write queue is full
     * (a ping would only queue up too).
     */
    public void ping() {
        if (!ended && !response.closed() && !response.writeQueueFull()) {
            send(List.of(StreamEvent.ping()));
        }
    }

    /** Ends the response (on the event loop). Also when the client has left: that marks it ended for platform-http. */
    public void end() {
        ended = true;
        if (!response.ended()) {
            try {
                response.end();
            } catch (IllegalStateException endedMeanwhile) {
                // closed between the check and the end
            }
        }
    }

    /**
     * The last word of a stream that failed inside the proxy after it began, from any thread: one {@code error} event,
     * then the end. Nothing else may follow a committed {@code 200}: no second status, no JSON body. Completes once
     * the response has ended.
     */
    public Future<Void> failAndEnd(StreamEvent error) {
        return endWith(error);
    }

    /**
     * {@link #failAndEnd}, waited for at most {@code wait}, so that the response has ended before platform-http looks
     * at it (on the event loop itself it is done at once).
     *
     * @return false when the response had not ended within {@code wait}
     */
    public boolean failAndAwaitEnd(StreamEvent error, Duration wait) {
        try {
            endWith(error).toCompletionStage().toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private Future<Void> endWith(StreamEvent error) {
        Promise<Void> done = Promise.promise();
        Runnable last = () -> {
            try {
                if (!ended && !response.closed()) {
                    response.write(frames(List.of(error)));
                }
            } catch (IllegalStateException closedMeanwhile) {
                // gone: nothing to tell
            }
            end();
            done.complete();
        };
        if (Context.isOnEventLoopThread()) {
            // the only event loop that runs this proxy's code for a stream is the stream's own: no hand-over (a
            // hand-over awaited here would wait for itself)
            last.run();
        } else {
            context.runOnContext(ignored -> last.run());
        }
        return done.future();
    }

    private static Buffer frames(List<StreamEvent> events) {
        Buffer buffer = Buffer.buffer(256 * events.size());
        for (StreamEvent event : events) {
            buffer.appendBytes(EVENT).appendString(event.type()).appendBytes(DATA).appendBytes(json(event))
                    .appendBytes(END);
        }
        return buffer;
    }

    private static byte[] json(StreamEvent event) {
        try {
            return ProxyJson.mapper().writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stream event could not be written as JSON", e);
        }
    }
}
