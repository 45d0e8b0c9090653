package dev.ccproxy.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;

import dev.ccproxy.testsupport.ResponsesSse;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fast OpenAI-compatible upstream for the benchmark (non-blocking, Vert.x): {@code /v1/chat/completions} answers a
 * fixed completion at once, or, for {@code "stream": true}, a role chunk, {@code deltas} content chunks
 * {@code gapMillis} apart, the finish and usage chunks and {@code [DONE]}. {@code /v1/responses} streams the recorded
 * web search of the golden case {@code web-search-with-sources}, its answer stretched to {@code deltas} text deltas
 * {@code gapMillis} apart.
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
    private static final Buffer[] SEARCH = recordedSearch();
    private static final Buffer SEARCH_BEFORE_TEXT = SEARCH[0];
    private static final Buffer SEARCH_TEXT_DELTA = SEARCH[1];
    private static final Buffer SEARCH_AFTER_TEXT = SEARCH[2];

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
                    if (request.path().endsWith("/responses")) {
                        response.setChunked(true).putHeader("Content-Type", "text/event-stream");
                        response.write(SEARCH_BEFORE_TEXT);
                        streamSearchAnswer(response, deltas, gapMillis);
                    } else if (body.toString().contains("\"stream\":true")) {
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

    private void streamSearchAnswer(HttpServerResponse response, int left, long gapMillis) {
        if (left == 0) {
            response.end(SEARCH_AFTER_TEXT);
            return;
        }
        vertx.setTimer(gapMillis, id -> {
            if (response.closed()) {
                return;
            }
            response.write(SEARCH_TEXT_DELTA);
            streamSearchAnswer(response, left - 1, gapMillis);
        });
    }

    /** The recorded search's events before its first text delta, one text delta, and the events after its last. */
    private static Buffer[] recordedSearch() {
        List<String> events = ResponsesSse.goldenEvents("web-search-with-sources");
        int first = -1;
        int last = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).contains("\"type\":\"response.output_text.delta\"")) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        String delta = events.get(first).replaceFirst("\"delta\":\"[^\"]*\"", "\"delta\":\" token\"");
        return new Buffer[] {Buffer.buffer(ResponsesSse.body(events.subList(0, first))),
                Buffer.buffer(ResponsesSse.frame(delta)),
                Buffer.buffer(ResponsesSse.body(events.subList(last + 1, events.size())))};
    }

    private static Buffer sse(String data) {
        return Buffer.buffer("data: " + data + "\n\n");
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
