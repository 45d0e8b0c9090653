package dev.ccproxy.routes;

import dev.ccproxy.testsupport.Chunks;
import dev.ccproxy.testsupport.LogCapture;
import dev.ccproxy.testsupport.PrometheusScrape;
import dev.ccproxy.testsupport.RawHttp;
import dev.ccproxy.testsupport.ScriptedRouteTestSupport;
import dev.ccproxy.testsupport.ScriptedUpstream;
import dev.ccproxy.testsupport.SseClient;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Operations' view of real requests: after each kind of request, a scrape of the management port's
 * {@code /observe/metrics} shows the proxy's meters moved by exactly what happened, and the log holds one access line
 * for the request, with every line written for it carrying its id.
 */
class MetricsAndAccessLogTest extends ScriptedRouteTestSupport {

    private static final String UPSTREAM_ID = "req-upstream-42";
    private final AtomicInteger flakyCalls = new AtomicInteger();

    @Override
    protected Map<String, String> scriptedSettings() {
        return Map.of("proxy.server.max-concurrent-requests", "2", "proxy.upstream.max-retries", "1");
    }

    @Override
    protected ScriptedUpstream.Reply reply(ScriptedUpstream.Request request) {
        String body = request.body();
        if (body.contains("hold on")) {
            return new ScriptedUpstream.Hold(Duration.ofSeconds(3));
        }
        if (body.contains("flaky") && flakyCalls.getAndIncrement() == 0) {
            return ScriptedUpstream.json(500, "{\"error\":{\"message\":\"hiccup\",\"type\":\"server_error\"}}",
                    "x-request-id: req-upstream-failed");
        }
        if (body.contains("refuse me")) {
            return ScriptedUpstream.json(400, "{\"error\":{\"message\":\"bad temperature\",\"type\":"
                    + "\"invalid_request_error\"}}", "x-request-id: req-upstream-400");
        }
        if (body.contains("break off")) {
            return ScriptedUpstream.sse(Duration.ZERO, List.of(Chunks.role(), Chunks.text("Hi"), Chunks.error("boom")));
        }
        if (body.contains("\"stream\":true")) {
            return ScriptedUpstream.sse(Duration.ZERO, Chunks.answer("Hello", " there"));
        }
        return ScriptedUpstream.json(200, upstreamAnswer("text-only"), "x-request-id: " + UPSTREAM_ID);
    }

    @Test
    void a_whole_answer_and_a_stream_move_their_meters_and_write_one_access_line_each() throws Exception {
        PrometheusScrape before = scrape();
        HttpResponse<String> whole;
        SseClient.Result stream;
        try (LogCapture log = LogCapture.attach()) {
            whole = postMessages(request(false, "hello"));
            stream = SseClient.stream(proxy("/v1/messages"), request(true, "hello"));
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(stream.named("message_stop")).hasSize(1);
            String wholeId = whole.headers().firstValue("request-id").orElseThrow();
            String streamId = stream.response().headers().firstValue("request-id").orElseThrow();

            await().atMost(Duration.ofSeconds(5)).until(() -> accessLines(log).size() == 2);
            List<String> access = accessLines(log);
            assertThat(access).filteredOn(line -> line.contains("requestId=" + wholeId)).singleElement()
                    .satisfies(line -> assertThat(line).contains("route=messages", "status=200", "outcome=completed",
                            "model=claude-sonnet-4-5", "upstream_model=gpt-4o", "provider=default", "api=chat",
                            "stream=false", "attempts=1", "upstream_first_byte_ms=", "overhead_ms=",
                            "input_tokens=", "upstream_request_id=" + UPSTREAM_ID,
                            "upstreamRequestId=" + UPSTREAM_ID));
            assertThat(access).filteredOn(line -> line.contains("requestId=" + streamId)).singleElement()
                    .satisfies(line -> assertThat(line).contains("status=200", "outcome=completed", "stream=true",
                            "output_tokens=2", "input_tokens=12"));
        }

        PrometheusScrape after = scrape();
        String[] wholeLabels = {"route", "messages", "model", "claude-sonnet-4-5", "upstream_model", "gpt-4o",
                "provider", "default", "api", "chat", "stream", "false", "status", "200", "outcome", "completed"};
        assertThat(moved(before, after, "ccproxy_requests_total", wholeLabels)).isEqualTo(1);
        assertThat(moved(before, after, "ccproxy_requests_total", "stream", "true", "status", "200")).isEqualTo(1);
        assertThat(moved(before, after, "ccproxy_request_duration_seconds_count", "route", "messages")).isEqualTo(2);
        assertThat(moved(before, after, "ccproxy_request_duration_seconds_bucket", "route", "messages",
                "le", "+Inf")).isEqualTo(2);
        assertThat(moved(before, after, "ccproxy_upstream_first_byte_seconds_count", "api", "chat")).isEqualTo(2);
        assertThat(moved(before, after, "ccproxy_overhead_seconds_count", "api", "chat")).isEqualTo(2);
        assertThat(moved(before, after, "ccproxy_overhead_seconds_sum")).as("overhead, seconds").isPositive();
        assertThat(moved(before, after, "ccproxy_tokens_total", "type", "output", "upstream_model", "gpt-4o"))
                .as("output tokens: the whole answer's and the stream's 2").isGreaterThan(2);
        assertThat(moved(before, after, "ccproxy_tokens_total", "type", "input")).isGreaterThanOrEqualTo(12);
        assertThat(after.sum("ccproxy_streams_active")).as("no stream left open").isZero();
        // the JVM's meters in the same scrape; Camel's of each route only when asked (CamelRouteMetricsTest)
        assertThat(after.has("camel_exchanges_total")).isFalse();
        assertThat(after.has("jvm_memory_used_bytes")).isTrue();
        assertThat(after.has("process_cpu_usage")).isTrue();
    }

    @Test
    void a_retry_an_error_and_their_log_lines_carry_the_request_id() throws Exception {
        PrometheusScrape before = scrape();
        try (LogCapture log = LogCapture.attach()) {
            HttpResponse<String> retried = postMessages(request(false, "flaky"));
            HttpResponse<String> refused = postMessages(request(false, "refuse me"));
            // refused before its stream began: an ordinary 400, with the upstream's id of its answer
            HttpResponse<String> refusedStream = postMessages(request(true, "refuse me"));
            assertThat(retried.statusCode()).isEqualTo(200);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refusedStream.statusCode()).isEqualTo(400);
            String retriedId = retried.headers().firstValue("request-id").orElseThrow();
            String refusedId = refused.headers().firstValue("request-id").orElseThrow();
            String refusedStreamId = refusedStream.headers().firstValue("request-id").orElseThrow();

            await().atMost(Duration.ofSeconds(5)).until(() -> accessLines(log).size() == 3);
            assertThat(accessLines(log)).filteredOn(line -> line.contains("requestId=" + refusedStreamId))
                    .singleElement().satisfies(line -> assertThat(line).contains("status=400", "stream=true",
                            "outcome=error", "upstream_request_id=req-upstream-400"));
            assertThat(accessLines(log)).filteredOn(line -> line.contains("requestId=" + retriedId)).singleElement()
                    .satisfies(line -> assertThat(line).contains("status=200", "attempts=2"));
            assertThat(accessLines(log)).filteredOn(line -> line.contains("requestId=" + refusedId)).singleElement()
                    .satisfies(line -> assertThat(line).contains("status=400", "outcome=error",
                            "error_type=invalid_request_error", "upstream_request_id=req-upstream-400",
                            "error=\"Upstream error (HTTP 400): bad temperature\""));
            // Camel's own retry warning was written on the request's thread: it carries the request's id
            assertThat(log.lines()).filteredOn(line -> line.contains("Failed delivery")).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains("requestId=" + retriedId));
        }
        PrometheusScrape after = scrape();
        assertThat(moved(before, after, "ccproxy_upstream_retries_total", "provider", "default", "api", "chat"))
                .isEqualTo(1);
        assertThat(moved(before, after, "ccproxy_requests_total", "status", "400", "outcome", "error")).isEqualTo(2);
    }

    @Test
    void a_stream_that_breaks_off_is_told_apart_and_its_event_loop_lines_carry_its_id() throws Exception {
        PrometheusScrape before = scrape();
        try (LogCapture log = LogCapture.attach()) {
            SseClient.Result broken = SseClient.stream(proxy("/v1/messages"), request(true, "break off"));
            assertThat(broken.named("error")).hasSize(1);
            String id = broken.response().headers().firstValue("request-id").orElseThrow();
            await().atMost(Duration.ofSeconds(5)).until(() -> accessLines(log).size() == 1);
            assertThat(accessLines(log).get(0)).contains("requestId=" + id, "status=200", "outcome=stream_failed");
            // written on the event loop that relayed the stream, not on the request's thread
            assertThat(log.lines()).filteredOn(line -> line.contains("Stream failed after it began")).singleElement()
                    .satisfies(line -> assertThat(line).contains("requestId=" + id));
        }
        assertThat(moved(before, scrape(), "ccproxy_requests_total", "stream", "true", "outcome", "stream_failed"))
                .isEqualTo(1);
    }

    @Test
    void admission_refusals_and_clients_that_leave_are_counted() throws Exception {
        PrometheusScrape before = scrape();
        Socket leaving = send(request(true, "hold on"));
        CompletableFuture<HttpResponse<String>> held = http.sendAsync(java.net.http.HttpRequest.newBuilder(
                        proxy("/v1/messages")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(request(false, "hold on"))).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> upstreamCalls() >= 2);
        assertThat(scrape().sum("ccproxy_admission_in_flight")).isEqualTo(2);
        assertThat(scrape().sum("ccproxy_admission_limit")).isEqualTo(2);

        RawHttp.Response refused = RawHttp.post(proxyPort, "/v1/messages", request(false, "hello"), 5_000);
        assertThat(refused.status()).isEqualTo(529);
        leaving.close();
        held.get();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            PrometheusScrape after = scrape();
            assertThat(moved(before, after, "ccproxy_refusals_total", "reason", "overloaded")).isEqualTo(1);
            assertThat(moved(before, after, "ccproxy_http_errors_total", "status", "529")).isEqualTo(1);
            assertThat(moved(before, after, "ccproxy_client_disconnects_total", "route", "messages", "stream",
                    "true")).isEqualTo(1);
            assertThat(after.sum("ccproxy_admission_in_flight")).isZero();
        });
    }

    @Test
    void errors_the_http_server_answers_before_any_route_are_counted_by_status() {
        PrometheusScrape before = scrape();
        assertThat(send(java.net.http.HttpRequest.newBuilder(proxy("/v1/no-such-endpoint")).build()).statusCode())
                .isEqualTo(404);
        assertThat(send(java.net.http.HttpRequest.newBuilder(proxy("/v1/messages")).build()).statusCode())
                .isEqualTo(405);
        PrometheusScrape after = scrape();
        assertThat(moved(before, after, "ccproxy_http_errors_total", "status", "404")).isEqualTo(1);
        assertThat(moved(before, after, "ccproxy_http_errors_total", "status", "405")).isEqualTo(1);
        assertThat(moved(before, after, "ccproxy_requests_total")).as("no route ran").isZero();
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.of(URI.create("http://127.0.0.1:" + managementPort + "/observe/metrics"));
    }

    private static double moved(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private static List<String> accessLines(LogCapture log) {
        return log.lines().stream().filter(line -> line.startsWith("dev.ccproxy.access ")).toList();
    }

    private static String request(boolean stream, String text) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    private Socket send(String body) throws Exception {
        return RawHttp.postAndHold(proxyPort, body);
    }
}
