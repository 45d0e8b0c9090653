package dev.ccproxy.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;

import java.util.concurrent.TimeUnit;

/**
 * A fast OpenAI-compatible upstream for the benchmark (non-blocking, Vert.x): {@code /v1/chat/completions} answers a
 * fixed completion at once, or, for {@code "stream": true}, a role chunk, {@code deltas} content chunks
 * {@code gapMillis} apart, the finish and usage chunks and {@code [DONE]}.
 */
final class BenchmarkStub implements AutoCloseable {

    static final String COMPLETION = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1741569952,"
            + "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
            + "\"Hello! How can I help you today?\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":9,\"total_tokens\":28}}";
    private static final String CHUNK = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1741569952,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":%s,\"logprobs\":null,"
            + "\"finish_reason\":%s}]}";
    private static final Buffer ROLE = sse(CHUNK.formatted("{\"role\":\"assistant\",\"content\":\"\"}", "null"));
    private static final Buffer TOKEN = sse(CHUNK.formatted("{\"content\":\" token\"}", "null"));
    private static final Buffer FINISH = sse(CHUNK.formatted("{}", "\"stop\""));
    private static final Buffer USAGE = sse("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1741569952,\"model\":\"gpt-4o\",\"choices\":[],\"usage\":{\"prompt_tokens\":19,"
            + "\"completion_tokens\":64,\"total_tokens\":83}}");
    private static final Buffer DONE = sse("[DONE]");
    private static final Buffer COMPLETION_BUFFER = Buffer.buffer(COMPLETION);

    private final Vertx vertx;
    private final HttpServer server;
    private final java.util.concurrent.atomic.AtomicLong connections = new java.util.concurrent.atomic.AtomicLong();

    BenchmarkStub(Vertx vertx, int deltas, long gapMillis) throws Exception {
        this.vertx = vertx;
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                        .setTcpNoDelay(true).setAcceptBacklog(4096))
                .connectionHandler(connection -> connections.incrementAndGet())
                .requestHandler(request -> request.body().onSuccess(body -> {
                    HttpServerResponse response = request.response();
                    if (body.toString().contains("\"stream\":true")) {
                        response.setChunked(true).putHeader("Content-Type", "text/event-stream");
                        response.write(ROLE);
                        stream(response, deltas, gapMillis);
                    } else {
                        response.putHeader("Content-Type", "application/json").end(COMPLETION_BUFFER);
                    }
                }))
                .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    /** Connections opened to the stub so far (keep-alive reuse shows as few connections for many requests). */
    long connections() {
        return connections.get();
    }

    private void stream(HttpServerResponse response, int left, long gapMillis) {
        if (left == 0) {
            response.write(FINISH);
            response.write(USAGE);
            response.end(DONE);
            return;
        }
        vertx.setTimer(gapMillis, id -> {
            if (response.closed()) {
                return;
            }
            response.write(TOKEN);
            stream(response, left - 1, gapMillis);
        });
    }

    private static Buffer sse(String data) {
        return Buffer.buffer("data: " + data + "\n\n");
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
