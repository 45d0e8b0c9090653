package dev.ccproxy.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A non-blocking load generator (Vert.x): closed-loop request rounds and concurrent streams, timed in nanoseconds. */
final class LoadClient {

    /**
     * What one stream looked like to the client: its status and when it came, when the first and the following
     * events came, and whether it ended as a whole answer does ({@code endMarker} seen, no error event).
     */
    record StreamTiming(int status, long statusNanos, long firstEventNanos, List<Long> gapsNanos, int events,
            boolean complete) {

        static StreamTiming failed() {
            return new StreamTiming(-1, -1, -1, List.of(), 0, false);
        }
    }

    /** For request loops: keep-alive connections, reused round after round. */
    private final HttpClient client;
    private final Vertx vertx;
    /** Every request starts on this event loop: a request started on another thread can lose its response's end. */
    private final Context context;

    LoadClient(Vertx vertx) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.client = client(vertx, 64);
    }

    private static HttpClient client(Vertx vertx, int connections) {
        return vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_1_1), new PoolOptions().setHttp1MaxSize(connections));
    }

    /** {@code users} closed loops of requests until {@code seconds} pass; answers every latency in nanoseconds. */
    List<Long> run(int port, String path, String body, int users, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Long> latencies = new ArrayList<>();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        Buffer payload = Buffer.buffer(body);
        for (int i = 0; i < users; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            loops.add(done);
            context.runOnContext(ignored -> loop(port, path, payload, deadline, latencies, done));
        }
        loops.forEach(CompletableFuture::join);
        return latencies;
    }

    private void loop(int port, String path, Buffer payload, long deadline, List<Long> latencies,
            CompletableFuture<Void> done) {
        if (System.nanoTime() >= deadline) {
            done.complete(null);
            return;
        }
        long start = System.nanoTime();
        post(client, port, path, payload).compose(response -> {
            if (response.statusCode() != 200) {
                return Future.failedFuture("HTTP " + response.statusCode());
            }
            return response.body();
        }).onComplete(result -> {
            if (result.failed()) {
                done.completeExceptionally(result.cause());
                return;
            }
            synchronized (latencies) {
                latencies.add(System.nanoTime() - start);
            }
            context.runOnContext(ignored -> loop(port, path, payload, deadline, latencies, done));
        });
    }

    /**
     * {@code count} streams whose starts are spread evenly over {@code spreadMillis} (0: all at once); an event is each
     * SSE {@code data:} line that carries {@code marker} (a content chunk upstream, a text delta through the proxy),
     * and a stream is complete when a line carrying {@code endMarker} came and no {@code event: error}.
     */
    List<StreamTiming> streams(int port, String path, String body, int count, long spreadMillis, String marker,
            String endMarker) {
        // a client of its own, closed after the run: thousands of idle connections must not outlive their run (each
        // holds a file descriptor here and in the server)
        HttpClient streamClient = client(vertx, count);
        try {
            return streams(streamClient, port, path, body, count, spreadMillis, marker, endMarker);
        } finally {
            streamClient.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private List<StreamTiming> streams(HttpClient streamClient, int port, String path, String body, int count,
            long spreadMillis, String marker, String endMarker) {
        List<CompletableFuture<StreamTiming>> all = new ArrayList<>();
        Buffer payload = Buffer.buffer(body);
        for (int i = 0; i < count; i++) {
            CompletableFuture<StreamTiming> timing = new CompletableFuture<>();
            all.add(timing);
            long delay = count <= 1 ? 0 : spreadMillis * i / count;
            Runnable start = () -> stream(streamClient, port, path, payload, marker, endMarker).onComplete(result ->
                    timing.complete(result.succeeded() ? result.result() : StreamTiming.failed()));
            context.runOnContext(ignored -> {
                if (delay == 0) {
                    start.run();
                } else {
                    context.owner().setTimer(delay, id -> start.run());
                }
            });
        }
        return all.stream().map(CompletableFuture::join).toList();
    }

    private Future<StreamTiming> stream(HttpClient streamClient, int port, String path, Buffer payload, String marker,
            String endMarker) {
        Promise<StreamTiming> timing = Promise.promise();
        long start = System.nanoTime();
        List<Long> gaps = new ArrayList<>();
        long[] last = {0};
        long[] first = {-1};
        boolean[] ended = {false};
        boolean[] error = {false};
        AtomicInteger events = new AtomicInteger();
        StringBuilder pending = new StringBuilder();
        post(streamClient, port, path, payload).onSuccess(response -> {
            long statusNanos = System.nanoTime() - start;
            response.handler(buffer -> {
                long now = System.nanoTime();
                pending.append(buffer.toString(StandardCharsets.UTF_8));
                int newline;
                while ((newline = pending.indexOf("\n")) >= 0) {
                    String line = pending.substring(0, newline);
                    pending.delete(0, newline + 1);
                    if (line.startsWith("event: error")) {
                        error[0] = true;
                    } else if (line.startsWith("data: ") && line.contains(marker)) {
                        if (first[0] < 0) {
                            first[0] = now - start;
                        } else {
                            gaps.add(now - last[0]);
                        }
                        last[0] = now;
                        events.incrementAndGet();
                    } else if (line.startsWith("data: ") && line.contains(endMarker)) {
                        ended[0] = true;
                    }
                }
            });
            response.endHandler(ignored -> timing.tryComplete(new StreamTiming(response.statusCode(), statusNanos,
                    first[0], gaps, events.get(), response.statusCode() == 200 && ended[0] && !error[0])));
            response.exceptionHandler(failure -> timing.tryComplete(new StreamTiming(response.statusCode(),
                    statusNanos, first[0], gaps, events.get(), false)));
        }).onFailure(failure -> timing.tryComplete(StreamTiming.failed()));
        return timing.future();
    }

    private static Future<io.vertx.core.http.HttpClientResponse> post(HttpClient client, int port, String path,
            Buffer payload) {
        // a request that hangs fails after 30 s of silence instead of stalling the run
        return client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                        .setURI(path).setConnectTimeout(10_000).setIdleTimeout(30_000))
                .compose(request -> request.putHeader("Content-Type", "application/json").send(payload));
    }

    void close() {
        client.close();
    }
}
