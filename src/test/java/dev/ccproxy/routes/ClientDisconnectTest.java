package dev.ccproxy.routes;

import dev.ccproxy.testsupport.Chunks;
import dev.ccproxy.testsupport.ResponsesSse;
import dev.ccproxy.testsupport.RawHttp;
import dev.ccproxy.testsupport.ScriptedRouteTestSupport;
import dev.ccproxy.testsupport.ScriptedUpstream;
import dev.ccproxy.testsupport.ScriptedUpstream.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A client that leaves stops the upstream call within 100 ms, measured where it counts: from the client's close to the
 * moment the upstream (a raw-socket stub that reads its connection while it waits) sees its connection closed. In
 * every phase: before the upstream's headers, waiting for a stream's first event, mid-stream, during a web search,
 * waiting for a whole answer; and between retries, where no further attempt may reach the upstream at all.
 */
class ClientDisconnectTest extends ScriptedRouteTestSupport {

    private static final Duration BOUND = Duration.ofMillis(100);
    private static final Logger LOG = LoggerFactory.getLogger(ClientDisconnectTest.class);

    private static String request(boolean stream, String tools) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,\"stream\":" + stream + tools
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Take your time\"}]}";
    }

    private static ScriptedUpstream.Sse slowStream(Duration beforeFirst) {
        List<Step> steps = new ArrayList<>();
        steps.add(Step.data(beforeFirst, Chunks.role()));
        for (int i = 0; i < 100; i++) {
            steps.add(Step.data(Duration.ofMillis(50), Chunks.text("word " + i + " ")));
        }
        return new ScriptedUpstream.Sse(steps);
    }

    private static ScriptedUpstream.Sse slowSearch() {
        List<Step> steps = new ArrayList<>();
        for (String event : ResponsesSse.goldenEvents("web-search-with-sources")) {
            Duration before = event.contains("\"type\":\"response.web_search_call.completed\"")
                    ? Duration.ofSeconds(10) : Duration.ZERO;
            steps.add(new Step(before, ResponsesSse.frame(event)));
        }
        return new ScriptedUpstream.Sse(steps);
    }

    /**
     * name, the request, the upstream's reply, how many bytes of the answer the client reads before it leaves (0: it
     * leaves once the upstream has the request).
     */
    static Stream<Arguments> phases() {
        String search = ",\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":3}]";
        Supplier<ScriptedUpstream.Reply> hold = () -> new ScriptedUpstream.Hold(Duration.ofSeconds(10));
        return Stream.of(
                arguments("stream, before the upstream's headers", request(true, ""), hold, 0),
                arguments("stream, waiting for the first event", request(true, ""),
                        (Supplier<ScriptedUpstream.Reply>) () -> slowStream(Duration.ofSeconds(10)), 0),
                arguments("stream, mid-stream", request(true, ""),
                        (Supplier<ScriptedUpstream.Reply>) () -> slowStream(Duration.ZERO), 600),
                arguments("stream, during a web search", request(true, search),
                        (Supplier<ScriptedUpstream.Reply>) ClientDisconnectTest::slowSearch, 300),
                arguments("whole answer, waiting for it", request(false, ""), hold, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("phases")
    void the_upstream_is_cut_within_100_ms(String phase, String body, Supplier<ScriptedUpstream.Reply> reply,
            int bytesFirst) throws Exception {
        nextReply.set(reply.get());
        long leftAt;
        try (Socket client = send(body)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> upstreamCalls() > 0);
            read(client.getInputStream(), bytesFirst);
            leftAt = System.nanoTime();
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> scripted.closesByProxy() > closesBefore);
        Duration cutAfter = Duration.ofNanos(scripted.closeTimes().get(closesBefore) - leftAt);
        LOG.info("Client disconnect, {}: the upstream was cut {} µs after the client left", phase,
                cutAfter.toNanos() / 1_000);
        assertThat(cutAfter).as("%s: upstream cut %s ms after the client left", phase, cutAfter.toMillis())
                .isLessThan(BOUND);
    }

    @ParameterizedTest(name = "stream: {0}")
    @MethodSource("retryModes")
    void a_client_that_leaves_between_retries_gets_no_further_attempt(String mode, boolean stream) throws Exception {
        nextReply.set(ScriptedUpstream.json(503, "{\"error\":{\"message\":\"busy\",\"type\":\"server_error\"}}",
                "Retry-After: 1"));
        try (Socket client = send(request(stream, ""))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> upstreamCalls() > 0);
        }
        // the retry would come 1 s after the first attempt: nothing more may arrive, through and past that moment
        await().during(Duration.ofMillis(1800)).atMost(Duration.ofSeconds(3))
                .until(() -> upstreamCalls() == 1);
    }

    static Stream<Arguments> retryModes() {
        return Stream.of(arguments("whole answer", false), arguments("stream", true));
    }

    private Socket send(String body) throws Exception {
        return RawHttp.postAndHold(proxyPort, body);
    }

    private static void read(InputStream in, int bytes) throws Exception {
        byte[] buffer = new byte[bytes];
        int at = 0;
        while (at < bytes) {
            int read = in.read(buffer, at, bytes - at);
            if (read < 0) {
                break;
            }
            at += read;
        }
    }
}
