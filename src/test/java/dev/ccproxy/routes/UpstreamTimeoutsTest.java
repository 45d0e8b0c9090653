package dev.ccproxy.routes;

import dev.ccproxy.testsupport.AnthropicStreamInvariants;
import dev.ccproxy.testsupport.Chunks;
import dev.ccproxy.testsupport.ScriptedRouteTestSupport;
import dev.ccproxy.testsupport.ScriptedUpstream;
import dev.ccproxy.testsupport.ScriptedUpstream.Step;
import dev.ccproxy.testsupport.SseClient;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.ccproxy.testsupport.AnthropicErrorAssertions.assertAnthropicError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The three upstream waits, each with its own setting and its own error: the first byte (1.5 s here: a reasoning
 * model may think long before its first event, longer than a stream may later pause), the idle gap between two events
 * of a stream that has begun (1 s), and the whole of a non-streamed answer, retries included (2.5 s). Each ends with
 * {@code timeout_error} naming the setting, and the upstream connection closed by the proxy.
 */
class UpstreamTimeoutsTest extends ScriptedRouteTestSupport {

    private static final String REQUEST = "{\"model\":\"claude-opus-5-5\",\"max_tokens\":256,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Think hard\"}]}";
    private static final String STREAM_REQUEST = REQUEST.replace("{\"model\"", "{\"stream\":true,\"model\"");

    /** The proxy closed the upstream connection it gave up on (within a second or two of doing so). */
    private void assertUpstreamCut() {
        await().atMost(Duration.ofSeconds(3)).until(() -> scripted.closesByProxy() > closesBefore);
    }

    @Override
    protected Map<String, String> scriptedSettings() {
        return Map.of("proxy.streaming.ping-interval-millis", "200",
                "proxy.upstream.first-byte-timeout-seconds", "1.5",
                "proxy.upstream.idle-timeout-seconds", "1",
                "proxy.upstream.timeout-seconds", "2.5");
    }

    private static List<Step> answer(Duration beforeFirst, Duration gap) {
        List<Step> steps = new ArrayList<>();
        steps.add(Step.data(beforeFirst, Chunks.role()));
        steps.add(Step.data(gap, Chunks.text("Done thinking.")));
        steps.add(Step.data(Duration.ZERO, Chunks.finish("stop")));
        steps.add(Step.data(Duration.ZERO, Chunks.usage(10, 3)));
        steps.add(Step.data(Duration.ZERO, "[DONE]"));
        return steps;
    }

    @Test
    void a_stream_may_think_longer_than_the_idle_gap_before_its_first_event() throws Exception {
        nextReply.set(new ScriptedUpstream.Sse(answer(Duration.ofMillis(1200), Duration.ZERO)));

        SseClient.Result result = SseClient.stream(proxy("/v1/messages"), STREAM_REQUEST);

        AnthropicStreamInvariants.assertValid(result.wire());
        assertThat(result.wire().get(result.wire().size() - 1).name()).isEqualTo("message_stop");
        assertThat(result.named("ping")).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void a_stream_whose_first_event_never_comes_ends_with_a_first_byte_timeout_event() throws Exception {
        nextReply.set(new ScriptedUpstream.Sse(answer(Duration.ofSeconds(6), Duration.ZERO)));

        SseClient.Result result = SseClient.stream(proxy("/v1/messages"), STREAM_REQUEST);

        AnthropicStreamInvariants.assertValid(result.wire());
        AnthropicStreamInvariants.WireEvent last = result.wire().get(result.wire().size() - 1);
        assertThat(last.name()).isEqualTo("error");
        assertThat(last.data().path("error").path("type").asText()).isEqualTo("timeout_error");
        assertThat(last.data().path("error").path("message").asText())
                .isEqualTo("The upstream did not begin its answer within 1.5 s "
                        + "(proxy.upstream.first-byte-timeout-seconds)");
        assertUpstreamCut();
    }

    @Test
    void a_stream_that_falls_silent_after_it_began_ends_with_an_idle_timeout_event() throws Exception {
        nextReply.set(new ScriptedUpstream.Sse(answer(Duration.ZERO, Duration.ofSeconds(6))));

        SseClient.Result result = SseClient.stream(proxy("/v1/messages"), STREAM_REQUEST);

        AnthropicStreamInvariants.WireEvent last = result.wire().get(result.wire().size() - 1);
        assertThat(last.name()).isEqualTo("error");
        assertThat(last.data().path("error").path("message").asText())
                .isEqualTo("The upstream stopped sending in the middle of the answer: nothing for 1 s "
                        + "(proxy.upstream.idle-timeout-seconds)");
        assertUpstreamCut();
    }

    @Test
    void a_stream_whose_upstream_never_answers_is_a_504_before_anything_is_committed() throws Exception {
        nextReply.set(new ScriptedUpstream.Hold(Duration.ofSeconds(10)));

        HttpResponse<String> response = postMessages(STREAM_REQUEST);

        assertAnthropicError(response, 504, "timeout_error",
                "The upstream did not begin its answer within 1.5 s (proxy.upstream.first-byte-timeout-seconds)");
        assertUpstreamCut();
        assertThat(upstreamCalls()).isEqualTo(1);
    }

    @Test
    void a_whole_answer_that_does_not_begin_in_time_is_a_504_and_not_retried() throws Exception {
        nextReply.set(new ScriptedUpstream.Hold(Duration.ofSeconds(10)));

        HttpResponse<String> response = postMessages(REQUEST);

        assertAnthropicError(response, 504, "timeout_error", "did not answer in time");
        assertUpstreamCut();
        assertThat(upstreamCalls()).isEqualTo(1);
    }

    @Test
    void the_whole_answers_deadline_covers_its_retries_and_cuts_the_attempt_in_flight() throws Exception {
        nextReply.set(new ScriptedUpstream.Late(Duration.ofMillis(1000),
                ScriptedUpstream.json(503, "{\"error\":{\"message\":\"busy\",\"type\":\"server_error\"}}")));
        long start = System.nanoTime();

        HttpResponse<String> response = postMessages(REQUEST);

        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertAnthropicError(response, 504, "timeout_error",
                "The upstream did not complete its answer within 2.5 s (proxy.upstream.timeout-seconds, "
                        + "REQUEST_TIMEOUT)");
        assertThat(response.headers().firstValue("x-should-retry")).hasValue("true");
        // attempts at 0, ~1 and ~2 s; the third is cut at 2.5 s, not left to answer at ~3 s
        assertThat(upstreamCalls()).isEqualTo(3);
        assertUpstreamCut();
        assertThat(tookMillis).isBetween(2400L, 2950L);
    }
}
