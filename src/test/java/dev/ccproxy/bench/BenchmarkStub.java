package dev.ccproxy.bench;

import dev.ccproxy.testsupport.ResponsesSse;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
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
 * 64 deltas 20 ms apart when absent), the finish and usage chunks and {@code [DONE]}; a whole answer asked with a
 * pacing comes after the time its stream would take. {@code /v1/responses} streams the recorded web search of the
 * golden case {@code web-search-with-sources}, its answer stretched to the same number of text deltas at the same
 * pacing. An {@link Interceptor} (the soak's fault injection) sees each request first and may answer it instead.
 *
 * <p>{@code main} prints {@code STUB_PORT=<port>} once listening and ends when its standard input closes.
 */
public final class BenchmarkStub implements AutoCloseable {

    /** The whole answer ({@code /v1/chat/completions} without {@code "stream": true}). */
    public static final String COMPLETION = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\","
            + "\"created\":1741569952,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
            + "\"assistant\",\"content\":\"Hello! How can I help you today?\",\"refusal\":null},\"logprobs\":null,"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":9,"
            + "\"total_tokens\":28}}";
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

    /**
     * Sees every request, with its whole body, before the stub answers it; answers true when it took the request (it
     * may use the stub's own stream to answer).
     */
    @FunctionalInterface
    public interface Interceptor {

        boolean intercept(HttpServerRequest request, String body, BenchmarkStub stub);
    }

    private final Vertx vertx;
    private final HttpServer server;

    BenchmarkStub(Vertx vertx) throws Exception {
        this(vertx, (request, body, stub) -> false);
    }

    public BenchmarkStub(Vertx vertx, Interceptor interceptor) throws Exception {
        this.vertx = vertx;
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                        .setTcpNoDelay(true).setAcceptBacklog(8192))
                .requestHandler(request -> request.body().onSuccess(body -> {
                    String text = body.toString();
                    if (!interceptor.intercept(request, text, this)) {
                        answer(request, text);
                    }
                }))
                .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * The pacing a request asks for ({@code bench:<deltas>x<millis>} in its body): how many content deltas, how far
     * apart; 64 deltas 20 ms apart when it asks for none ({@code asked} false).
     */
    public record Pacing(int deltas, long gapMillis, boolean asked) {

        public static Pacing of(String body) {
            Matcher pacing = PACING.matcher(body);
            return pacing.find() ? new Pacing(Integer.parseInt(pacing.group(1)), Long.parseLong(pacing.group(2)), true)
                    : new Pacing(64, 20, false);
        }
    }

    private void answer(HttpServerRequest request, String text) {
        HttpServerResponse response = request.response();
        Pacing pacing = Pacing.of(text);
        int deltas = pacing.deltas();
        long gapMillis = pacing.gapMillis();
        if (request.path().endsWith("/responses")) {
            response.setChunked(true).putHeader("Content-Type", "text/event-stream");
            response.write(SEARCH[0]);
            paced(response, SEARCH[1], deltas, gapMillis, () -> response.end(SEARCH[2]));
        } else if (text.contains("\"stream\":true")) {
            streamChat(response, deltas, gapMillis, () -> {
                response.write(FINISH);
                response.write(USAGE);
                response.end(DONE);
            });
        } else if (pacing.asked()) {
            // a whole answer takes as long as its stream would
            vertx.setTimer(Math.max(1, deltas * gapMillis), id -> {
                if (!response.closed()) {
                    response.putHeader("Content-Type", "application/json").end(COMPLETION_BUFFER);
                }
            });
        } else {
            response.putHeader("Content-Type", "application/json").end(COMPLETION_BUFFER);
        }
    }

    /**
     * A Chat Completions stream's start: the SSE headers, the role chunk, then {@code deltas} content chunks
     * {@code gapMillis} apart; then {@code afterDeltas} (the normal finish, or a fault) unless the reader left.
     */
    public void streamChat(HttpServerResponse response, int deltas, long gapMillis, Runnable afterDeltas) {
        response.setChunked(true).putHeader("Content-Type", "text/event-stream");
        response.write(ROLE);
        paced(response, TOKEN, deltas, gapMillis, afterDeltas);
    }

    public int port() {
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
        serve(vertx -> new BenchmarkStub(vertx));
    }

    /** What a stub process needs to be created on its one event loop. */
    @FunctionalInterface
    public interface Factory {

        BenchmarkStub create(Vertx vertx) throws Exception;
    }

    /**
     * Runs a stub as a process: one event loop, {@code STUB_PORT=<port>} printed once listening, the end when standard
     * input closes ({@link BenchProcess#stub}).
     */
    public static void serve(Factory factory) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        BenchmarkStub stub = factory.create(vertx);
        System.out.println("STUB_PORT=" + stub.port());
        System.out.flush();
        // whoever started us closes our standard input when it is done (or dies): then we go too
        while (System.in.read() >= 0) {
            // nothing to read; waiting for the end
        }
        stub.close();
        vertx.close();
        System.exit(0);
    }
}
