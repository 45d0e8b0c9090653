package dev.ccproxy.streaming;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ccproxy.anthropic.StreamEvent;
import dev.ccproxy.camel.ClientConnection;
import dev.ccproxy.json.ProxyJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes Anthropic SSE straight to the client's Vert.x response, each batch of events as soon as it exists: this is
 * what makes a Camel route stream at all (a stream handed to platform-http as the body is buffered). It respects
 * back-pressure: when the client reads slowly and Vert.x's write queue is full, the writer waits for it to drain.
 */
public final class VertxSseSink implements EventSink {

    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.UTF_8);
    /** A client that reads nothing for this long is treated as gone. */
    private static final long DRAIN_TIMEOUT_SECONDS = 300;

    private final HttpServerResponse response;
    private final ClientConnection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long lastWrite = System.nanoTime();
    private volatile boolean ended;

    private VertxSseSink(ClientConnection connection) {
        this.connection = connection;
        this.response = connection.response();
    }

    /** Commits {@code 200} and the SSE headers. */
    public static VertxSseSink open(ClientConnection connection, String requestId) {
        VertxSseSink sink = new VertxSseSink(connection);
        HttpServerResponse response = sink.response;
        if (connection.closed() || response.closed()) {
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
        return sink;
    }

    @Override
    public void send(List<StreamEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            write(events);
        } finally {
            lock.unlock();
        }
    }

    /** A keep-alive {@code ping} when nothing went out for {@code idleNanos}; never waits for a busy writer. */
    public void pingIfIdle(long idleNanos) {
        if (ended || System.nanoTime() - lastWrite < idleNanos || !lock.tryLock()) {
            return;
        }
        try {
            if (!ended) {
                write(List.of(StreamEvent.ping()));
            }
        } catch (ClientGoneException gone) {
            // the stream's own writer will notice too
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the response. Also when the client has left: ending a closed response writes nothing, but marks it ended,
     * which tells platform-http that there is nothing left for it to write.
     */
    public void end() {
        lock.lock();
        try {
            ended = true;
            if (!response.ended()) {
                response.end();
            }
        } catch (IllegalStateException endedMeanwhile) {
            // ended by someone else between the check and the end
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean clientGone() {
        return connection.closed() || response.closed();
    }

    private void write(List<StreamEvent> events) {
        if (ended || connection.closed() || response.closed()) {
            throw new ClientGoneException();
        }
        Buffer buffer = Buffer.buffer(256 * events.size());
        for (StreamEvent event : events) {
            buffer.appendBytes(EVENT).appendString(event.type()).appendBytes(DATA).appendBytes(json(event))
                    .appendBytes(END);
        }
        try {
            response.write(buffer);
        } catch (IllegalStateException closedMeanwhile) {
            throw new ClientGoneException();
        }
        lastWrite = System.nanoTime();
        awaitDrain();
    }

    private void awaitDrain() {
        if (!response.writeQueueFull()) {
            return;
        }
        CompletableFuture<Void> drained = new CompletableFuture<>();
        response.drainHandler(ignored -> drained.complete(null));
        connection.whenClosed(() -> drained.complete(null));
        if (!response.writeQueueFull()) {
            return;
        }
        try {
            drained.get(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientGoneException();
        } catch (ExecutionException | TimeoutException e) {
            throw new ClientGoneException();
        }
        if (connection.closed()) {
            throw new ClientGoneException();
        }
    }

    private static byte[] json(StreamEvent event) {
        try {
            return ProxyJson.mapper().writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stream event could not be written as JSON", e);
        }
    }
}
