package dev.ccproxy.bench;

import dev.ccproxy.testsupport.ResponsesSse;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fast OpenAI-compatible upstream for the benchmark (non-blocking, Vert.x, one event loop), run as its own process
 * so that neither the proxy nor the load generator shares its file descriptors. {@code /v1/chat/completions} answers
 * a fixed completion at once, or, for {@code "stream": true}, a role chunk, content chunks at the pacing the request
 * asks for ({@code bench:<deltas>x<millis>} anywhere in its body, which the proxy passes through in the user's text;
 * 64 deltas 20 ms apart when absent), the finish and usage chunks and {@code [DONE]}. {@code /v1/responses} streams
 * the recorded web search of the golden case {@code web-search-with-sources}, its answer stretched to the same
 * number of text deltas at the same pacing.
 *
 * <p>{@code main} prints {@code STUB_PORT=<port>} once listening and ends when its standard input closes.
 */
public final class BenchmarkStub implements AutoCloseable {

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
    private static final Pattern PACING = Pattern.compile("bench:(\\d+)x(\\d+)");

    private final Vertx vertx;
    private final HttpServer server;

    BenchmarkStub(Vertx vertx) throws Exception {
        this.vertx = vertx;
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                        .setTcpNoDelay(true).setAcceptBacklog(8192))
                .requestHandler(request -> request.body().onSuccess(body -> {
                    HttpServerResponse response = request.response();
                    String text = body.toString();
                    Matcher pacing = PACING.matcher(text);
                    boolean asked = pacing.find();
                    int deltas = asked ? Integer.parseInt(pacing.group(1)) : 64;
                    long gapMillis = asked ? Long.parseLong(pacing.group(2)) : 20;
                    if (request.path().endsWith("/responses")) {
                        response.setChunked(true).putHeader("Content-Type", "text/event-stream");
                        response.write(SEARCH[0]);
                        paced(response, SEARCH[1], deltas, gapMillis, () -> response.end(SEARCH[2]));
                    } else if (text.contains("\"stream\":true")) {
                        response.setChunked(true).putHeader("Content-Type", "text/event-stream");
                        response.write(ROLE);
                        paced(response, TOKEN, deltas, gapMillis, () -> {
                            response.write(FINISH);
                            response.write(USAGE);
                            response.end(DONE);
                        });
                    } else {
                        response.putHeader("Content-Type", "application/json").end(COMPLETION_BUFFER);
                    }
                }))
                .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    /** {@code left} copies of {@code delta}, {@code gapMillis} apart, then {@code end}; stops if the reader left. */
    private void paced(HttpServerResponse response, Buffer delta, int left, long gapMillis, Runnable end) {
        if (left == 0) {
            end.run();
            return;
        }
        vertx.setTimer(gapMillis, id -> {
            if (response.closed()) {
                return;
            }
            response.write(delta);
            paced(response, delta, left - 1, gapMillis, end);
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

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        BenchmarkStub stub = new BenchmarkStub(vertx);
        System.out.println("STUB_PORT=" + stub.port());
        System.out.flush();
        // the benchmark closes our standard input when it is done (or dies): then we go too
        while (System.in.read() >= 0) {
            // nothing to read; waiting for the end
        }
        stub.close();
        vertx.close();
        System.exit(0);
    }
}
