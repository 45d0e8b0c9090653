package dev.ccproxy.routes;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ccproxy.testsupport.Chunks;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import dev.ccproxy.testsupport.ResponsesSse;
import dev.ccproxy.testsupport.hostile.FuzzLimits;
import dev.ccproxy.testsupport.hostile.FuzzRunReport;
import dev.ccproxy.testsupport.hostile.HostileAnswers;
import dev.ccproxy.testsupport.hostile.HostileRequest;
import dev.ccproxy.testsupport.hostile.HostileRequests;
import dev.ccproxy.testsupport.hostile.HostileWire;
import dev.ccproxy.testsupport.hostile.UpstreamSpecCheck;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of generated malformed and hostile requests (jqwik arbitraries, drawn with a fixed seed) against the real
 * application, over raw sockets: bad JSON, wrong types at every level, huge strings, deep nesting, unknown blocks,
 * invalid UTF-8, bodies, nesting, messages, tools and headers on both sides of their limits, odd headers and framing,
 * slow and stalled uploads. Not one may get a 5xx, an error outside Anthropic's envelope, or no answer; and
 * afterwards the proxy serves normal requests with all its places free.
 *
 * <p>The upstream answers every call as a real provider would (whole or streamed), so a hostile request that is valid
 * after all gets its 200, and any failure is the proxy's own. Each upstream request is checked against OpenAI's spec
 * as it comes.
 *
 * <p>Size and seed: 1,000 cases by default (CI); {@code -Dfuzz.tries=10000} for the nightly size;
 * {@code -Dfuzz.seed=N} for another seed (the run prints its seed); {@code -Dfuzz.only=I} sends only case I of that
 * seed's sequence, to reproduce a reported problem.
 *
 * <p>jqwik draws the cases, but this is a JUnit test: the proxy must start once for the whole run, which JUnit's
 * lifecycle (and {@code @CamelMainTest}) gives and jqwik's properties would not.
 */
class HostileRequestsFuzzTest extends ProxyRouteTestSupport {

    /** Small limits, so that requests past each are cheap to make and common enough to matter. */
    private static final FuzzLimits LIMITS = new FuzzLimits(64 * 1024, 64, 500, 100);
    private static final int MAX_CONCURRENT = 8;
    private static final long DEFAULT_SEED = 20_261_130L;
    private static final int DEFAULT_TRIES = 1_000;
    /** jqwik's "genSize": how large its lists and strings grow; its default for 1,000 tries. */
    private static final int GEN_SIZE = 1_000;
    private static final int ANSWER_TIMEOUT_MILLIS = 10_000;
    /** A broken proxy fails every case alike; the first few say all there is to say, and time is short. */
    private static final int MAX_PROBLEMS = 25;
    private static final String STREAMED = "\"stream\":true";
    private static final String NORMAL = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]}";

    @Override
    protected Map<String, String> settings() {
        // few places make a leaked one show within the run; short receive deadlines keep stalled uploads cheap (the
        // slow ones pause 450 ms at most); a header limit the huge headers cross half the time
        return Map.of("proxy.server.max-body-bytes", Integer.toString(LIMITS.maxBodyBytes()),
                "proxy.server.max-json-depth", Integer.toString(LIMITS.maxJsonDepth()),
                "proxy.server.max-messages", Integer.toString(LIMITS.maxMessages()),
                "proxy.server.max-tools", Integer.toString(LIMITS.maxTools()),
                "proxy.server.max-header-bytes", "16384",
                "proxy.server.headers-timeout-seconds", "1",
                "proxy.server.body-timeout-seconds", "1",
                "proxy.server.max-concurrent-requests", Integer.toString(MAX_CONCURRENT),
                "proxy.upstream.max-retries", "0");
    }

    @Test
    void no_hostile_request_gets_a_5xx_a_bare_error_or_no_answer() throws Exception {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        int tries = Integer.getInteger("fuzz.tries", DEFAULT_TRIES);
        int only = Integer.getInteger("fuzz.only", -1);
        System.out.println("HostileRequestsFuzzTest: seed " + seed + ", " + tries
                + " cases (-Dfuzz.seed, -Dfuzz.tries)");
        upstreamAnswersEveryCall();
        FuzzRunReport report = new FuzzRunReport(seed);
        long start = System.nanoTime();
        // outside a jqwik property, a session gives the arbitraries the context their generators need
        JqwikSession.start();
        try {
            RandomGenerator<HostileRequest> generator = HostileRequests.any(LIMITS).generator(GEN_SIZE);
            Random random = new Random(seed);
            for (int i = 0; i < tries && report.problems().size() < MAX_PROBLEMS; i++) {
                HostileRequest request = generator.next(random).value();
                // what jqwik keeps for one try (memoized generators) goes with it
                JqwikSession.finishTry();
                if (only < 0 || i == only) {
                    send(i, request, report);
                }
            }
        } finally {
            JqwikSession.finish();
        }

        String summary = report.summary((System.nanoTime() - start) / 1_000_000);
        System.out.println(summary);
        assertThat(report.problems()).as(summary).isEmpty();
        aNormalRequestIsServed();
        everyPlaceCameBack();
    }

    private void send(int index, HostileRequest request, FuzzRunReport report) throws IOException {
        int timeout = ANSWER_TIMEOUT_MILLIS + (int) request.pacing().totalPauseMillis();
        HostileWire.Outcome outcome = HostileWire.exchange(proxyPort, request, timeout);
        Optional<String> problem = HostileAnswers.problem(request, outcome);
        // the upstream calls this case caused, checked now (so the case is named) and then forgotten: WireMock's
        // journal would otherwise hold every body of a 10,000-case run
        UpstreamSpecCheck.Verdict upstreamCalls = UpstreamSpecCheck.check(upstream.getAllServeEvents());
        upstream.resetRequests();
        report.record(index, request, outcome, problem.orElse(upstreamCalls.problem()));
    }

    /**
     * Streamed calls (the proxy writes {@code "stream":true} into them) get a stream, the others a whole answer. The
     * body is matched as text: WireMock's JSON path matching gives up on a body nested hundreds of levels deep.
     */
    private void upstreamAnswersEveryCall() {
        String chatStream = "data: " + String.join("\n\ndata: ", Chunks.answer("Hi")) + "\n\n";
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions")).atPriority(5)
                .willReturn(okJson(upstreamAnswer("text-only"))));
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions")).atPriority(4)
                .withRequestBody(containing(STREAMED))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(chatStream)));
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/responses")).atPriority(5)
                .willReturn(okJson(responsesAnswer("web-search-with-sources"))));
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/responses")).atPriority(4)
                .withRequestBody(containing(STREAMED))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
                        .withBody(ResponsesSse.body("web-search-with-sources"))));
        // the places check: answers slowly enough that its requests are all in flight at once
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions")).atPriority(1)
                .withRequestBody(containing("places-check"))
                .willReturn(okJson(upstreamAnswer("text-only")).withFixedDelay(500)));
    }

    private void aNormalRequestIsServed() throws Exception {
        HttpResponse<String> response = postMessages(NORMAL.formatted("Still there?"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"type\":\"message\"");
    }

    /** As many requests as there are places, all at once: each is served, so no hostile request kept a place. */
    private void everyPlaceCameBack() {
        List<CompletableFuture<HttpResponse<String>>> all = IntStream.range(0, MAX_CONCURRENT)
                .mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(proxy("/v1/messages"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(NORMAL.formatted("places-check " + i))).build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        assertThat(all).allSatisfy(response -> assertThat(response.join().statusCode())
                .as(response.join().body()).isEqualTo(200));
    }
}
