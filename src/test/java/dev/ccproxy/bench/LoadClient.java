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

    /** What one stream looked like to the client. */
    record StreamTiming(long firstEventNanos, List<Long> gapsNanos, int events, boolean complete) {
    }

    private final HttpClient client;
    /** Every request starts on this event loop: a request started on another thread can lose its response's end. */
    private final Context context;

    LoadClient(Vertx vertx, int connections) {
        this.context = vertx.getOrCreateContext();
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
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
        post(port, path, payload).compose(response -> {
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
     * {@code count} streams started at once; an event is each SSE {@code data:} line that carries {@code marker}
     * (a content chunk upstream, a text delta through the proxy).
     */
    List<StreamTiming> streams(int port, String path, String body, int count, String marker) {
        List<CompletableFuture<StreamTiming>> all = new ArrayList<>();
        Buffer payload = Buffer.buffer(body);
        for (int i = 0; i < count; i++) {
            CompletableFuture<StreamTiming> timing = new CompletableFuture<>();
            all.add(timing);
            context.runOnContext(ignored -> stream(port, path, payload, marker).onComplete(result -> {
                if (result.succeeded()) {
                    timing.complete(result.result());
                } else {
                    timing.completeExceptionally(result.cause());
                }
            }));
        }
        return all.stream().map(CompletableFuture::join).toList();
    }

    private Future<StreamTiming> stream(int port, String path, Buffer payload, String marker) {
        Promise<StreamTiming> timing = Promise.promise();
        long start = System.nanoTime();
        List<Long> gaps = new ArrayList<>();
        long[] last = {0};
        long[] first = {-1};
        AtomicInteger events = new AtomicInteger();
        StringBuilder pending = new StringBuilder();
        post(port, path, payload).onSuccess(response -> {
            response.handler(buffer -> {
                long now = System.nanoTime();
                pending.append(buffer.toString(StandardCharsets.UTF_8));
                int newline;
                while ((newline = pending.indexOf("\n")) >= 0) {
                    String line = pending.substring(0, newline);
                    pending.delete(0, newline + 1);
                    if (line.startsWith("data: ") && line.contains(marker)) {
                        if (first[0] < 0) {
                            first[0] = now - start;
                        } else {
                            gaps.add(now - last[0]);
                        }
                        last[0] = now;
                        events.incrementAndGet();
                    }
                }
            });
            response.endHandler(ignored -> timing.tryComplete(
                    new StreamTiming(first[0], gaps, events.get(), response.statusCode() == 200)));
            response.exceptionHandler(failure -> timing.tryComplete(
                    new StreamTiming(first[0], gaps, events.get(), false)));
        }).onFailure(failure -> timing.tryComplete(new StreamTiming(-1, gaps, 0, false)));
        return timing.future();
    }

    private Future<io.vertx.core.http.HttpClientResponse> post(int port, String path, Buffer payload) {
        // a request that hangs fails after 30 s of silence instead of stalling the run
        return client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                        .setURI(path).setConnectTimeout(10_000).setIdleTimeout(30_000))
                .compose(request -> request.putHeader("Content-Type", "application/json").send(payload));
    }

    void close() {
        client.close();
    }
}
