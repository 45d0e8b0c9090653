package dev.ccproxy.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.AnthropicStreamInvariants;
import dev.ccproxy.testsupport.Chunks;
import dev.ccproxy.testsupport.ScriptedRouteTestSupport;
import dev.ccproxy.testsupport.ScriptedUpstream;
import dev.ccproxy.testsupport.ScriptedUpstream.Reply;
import dev.ccproxy.testsupport.ScriptedUpstream.Step;
import dev.ccproxy.testsupport.SseClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.ccproxy.testsupport.AnthropicErrorAssertions.assertAnthropicError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The fault matrix: every upstream fault, for a whole answer and for a stream, against a scripted upstream on a raw
 * socket, with what the client gets and how many calls the upstream saw (retries included: up to 2 here, 10-40 ms
 * apart, except where a {@code retry-after} says 1 s). A stream fails as an HTTP error while nothing is committed, and
 * with one {@code event: error} (never {@code message_stop}) after. Timeouts here: first byte 1 s, idle gap 1 s. The
 * README's table "Faults and what the client gets" is this test's table.
 */
class FaultMatrixTest extends ScriptedRouteTestSupport {

    private static final String OPENAI_ERROR = "{\"error\":{\"message\":\"%s\",\"type\":\"server_error\"}}";
    private static final String WHOLE = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
            + "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}";
    private static final String EMPTY_CHOICES = WHOLE.replaceAll("\"choices\":\\[.*\\],\"usage\"", "\"choices\":[],\"usage\"");

    /** What the client must get. */
    sealed interface Outcome {
    }

    /** An HTTP error before anything was committed. */
    record Status(int status, String type, String message, int calls) implements Outcome {
    }

    /** A stream (200) whose last event is an error of this type. */
    record ErrorEvent(String type, String message, int calls) implements Outcome {
    }

    /** A whole answer: 200 with the message, or a stream ending with message_stop. */
    record Whole(int calls) implements Outcome {
    }

    private static Reply json(int status, String body, String... headers) {
        return ScriptedUpstream.json(status, body, headers);
    }

    private static Reply sse(Step... steps) {
        return new ScriptedUpstream.Sse(List.of(steps));
    }

    private static Step data(String json) {
        return Step.data(Duration.ZERO, json);
    }

    private static Reply raw(String contentType, int declaredLength, String body, boolean reset) {
        // Connection: close, as the connection is closed after it: no client may keep it for a next call
        return new ScriptedUpstream.Raw("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + declaredLength + "\r\nConnection: close\r\n\r\n" + body, reset);
    }

    private static String sseText(String... events) {
        StringBuilder text = new StringBuilder();
        for (String event : events) {
            text.append("data: ").append(event).append("\n\n");
        }
        return text.toString();
    }

    static Stream<Arguments> faults() {
        String partial = sseText(Chunks.role(), Chunks.text("Hel"));
        String html = "<html><body>Bad gateway</body></html>";
        List<Arguments> cases = new ArrayList<>();
        cases.add(arguments("429 with retry-after: 1",
                json(429, OPENAI_ERROR.formatted("Rate limit reached"), "Retry-After: 1"),
                json(429, OPENAI_ERROR.formatted("Rate limit reached"), "Retry-After: 1"),
                new Status(429, "rate_limit_error", "Rate limit reached", 3),
                new Status(429, "rate_limit_error", "Rate limit reached", 3)));
        for (int[] status : new int[][] {{500, 500}, {502, 500}, {503, 529}, {504, 504}, {529, 529}}) {
            String type = switch (status[1]) {
                case 529 -> "overloaded_error";
                case 504 -> "timeout_error";
                default -> "api_error";
            };
            Reply reply = json(status[0], OPENAI_ERROR.formatted("failure " + status[0]));
            cases.add(arguments("upstream " + status[0], reply, reply,
                    new Status(status[1], type, "failure " + status[0], 3),
                    new Status(status[1], type, "failure " + status[0], 3)));
        }
        cases.add(arguments("reset before the headers", new ScriptedUpstream.Reset(), new ScriptedUpstream.Reset(),
                new Status(502, "api_error", "The connection to the upstream", 3),
                new Status(502, "api_error", "The connection to the upstream", 3)));
        cases.add(arguments("reset in the middle of the answer",
                raw("application/json", WHOLE.length(), WHOLE.substring(0, 40), true),
                sse(data(Chunks.role()), data(Chunks.text("Hel")), Step.reset(Duration.ZERO)),
                new Status(502, "api_error", "The connection to the upstream", 3),
                new ErrorEvent("api_error", "The upstream stream broke off", 1)));
        cases.add(arguments("a malformed chunk", json(200, "{\"id\": \"chatcmpl-1\", \"choices\": [ {oops"),
                sse(data(Chunks.role()), data("{\"choices\":[{\"delta\":{\"content\":\"x\"}}"), data("[DONE]")),
                new Status(502, "api_error", "not a Chat Completions JSON document", 1),
                new ErrorEvent("api_error", "The upstream sent a malformed stream chunk", 1)));
        cases.add(arguments("a truncated answer (no finish, no [DONE])",
                json(200, WHOLE.substring(0, WHOLE.indexOf("\"finish_reason\""))),
                sse(data(Chunks.role()), data(Chunks.text("Hel"))),
                new Status(502, "api_error", "not a Chat Completions JSON document", 1),
                new ErrorEvent("api_error", "The upstream stream ended before the answer was complete", 1)));
        cases.add(arguments("silent past the timeout",
                new ScriptedUpstream.Late(Duration.ofSeconds(3), json(200, WHOLE)),
                sse(data(Chunks.role()), data(Chunks.text("Hel")), Step.data(Duration.ofSeconds(3), Chunks.text("lo"))),
                new Status(504, "timeout_error", "did not answer in time", 1),
                new ErrorEvent("timeout_error", "proxy.upstream.idle-timeout-seconds", 1)));
        List<Step> drip = new ArrayList<>(List.of(data(Chunks.role())));
        for (String piece : List.of("A", " slow", " drip", " of", " words")) {
            drip.add(Step.data(Duration.ofMillis(300), Chunks.text(piece)));
        }
        drip.add(data(Chunks.finish("stop")));
        drip.add(data(Chunks.usage(5, 5)));
        drip.add(data("[DONE]"));
        cases.add(arguments("a slow drip under the timeout",
                new ScriptedUpstream.Late(Duration.ofMillis(700), json(200, WHOLE)),
                new ScriptedUpstream.Sse(drip), new Whole(1), new Whole(1)));
        cases.add(arguments("empty choices", json(200, EMPTY_CHOICES),
                sse(data("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
                        + "\"choices\":[]}"), data("[DONE]")),
                new Status(502, "api_error", "The upstream answered without any choices", 1),
                new ErrorEvent("api_error", "The upstream's stream ended without any answer (no choices)", 1)));
        cases.add(arguments("a 200 with an HTML body", raw("text/html", html.length(), html, false),
                raw("text/html", html.length(), html, false),
                new Status(502, "api_error", "not a Chat Completions JSON document", 1),
                new Status(502, "api_error", "The upstream answered the stream request with text/html", 1)));
        cases.add(arguments("a Content-Length longer than the body",
                raw("application/json", WHOLE.length() + 100, WHOLE, false),
                raw("text/event-stream", partial.length() + 100, partial, false),
                new Status(502, "api_error", "closed the connection before its answer was complete", 3),
                new ErrorEvent("api_error", "The upstream stream broke off", 1)));
        cases.add(arguments("accepts the connection and never answers",
                new ScriptedUpstream.Hold(Duration.ofSeconds(10)), new ScriptedUpstream.Hold(Duration.ofSeconds(10)),
                new Status(504, "timeout_error", "did not answer in time", 1),
                new Status(504, "timeout_error", "proxy.upstream.first-byte-timeout-seconds", 1)));
        return cases.stream();
    }

    private volatile Reply reply;

    @Override
    protected Map<String, String> scriptedSettings() {
        return Map.of("proxy.upstream.first-byte-timeout-seconds", "1", "proxy.upstream.idle-timeout-seconds", "1",
                "proxy.upstream.timeout-seconds", "8");
    }

    @Override
    protected Reply reply(ScriptedUpstream.Request request) {
        return reply;
    }

    private static String request(boolean stream) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    @ParameterizedTest(name = "whole answer, {0}")
    @MethodSource("faults")
    void whole_answer(String fault, Reply whole, Reply streamed, Outcome expected, Outcome ignored) throws Exception {
        reply = whole;
        long start = System.nanoTime();

        HttpResponse<String> response = postMessages(request(false));

        assertOutcome(expected, response, null);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @ParameterizedTest(name = "stream, {0}")
    @MethodSource("faults")
    void stream(String fault, Reply whole, Reply streamed, Outcome ignored, Outcome expected) throws Exception {
        reply = streamed;
        long start = System.nanoTime();

        if (expected instanceof Status) {
            assertOutcome(expected, postMessages(request(true)), null);
        } else {
            SseClient.Result result = SseClient.stream(proxy("/v1/messages"), request(true));
            assertThat(result.response().statusCode()).isEqualTo(200);
            assertOutcome(expected, null, result);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    private void assertOutcome(Outcome expected, HttpResponse<String> response, SseClient.Result stream)
            throws Exception {
        int calls = upstreamCalls();
        switch (expected) {
            case Status status -> {
                JsonNode body = assertAnthropicError(response, status.status(), status.type(), status.message());
                assertThat(body.path("error").path("message").asText()).isNotBlank();
                assertThat(calls).as("upstream calls").isEqualTo(status.calls());
                assertThat(response.headers().firstValue("x-should-retry")).isPresent();
            }
            case ErrorEvent event -> {
                AnthropicStreamInvariants.assertValid(stream.wire());
                AnthropicStreamInvariants.WireEvent last = stream.wire().getLast();
                assertThat(last.name()).isEqualTo("error");
                assertThat(last.data().path("error").path("type").asText()).isEqualTo(event.type());
                assertThat(last.data().path("error").path("message").asText()).contains(event.message());
                assertThat(stream.named("message_stop")).isEmpty();
                assertThat(calls).as("upstream calls").isEqualTo(event.calls());
            }
            case Whole whole -> {
                if (stream != null) {
                    AnthropicStreamInvariants.assertValid(stream.wire());
                    assertThat(stream.wire().getLast().name()).isEqualTo("message_stop");
                } else {
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThatCode(() -> ProxyJson.mapper().readTree(response.body())).doesNotThrowAnyException();
                    assertThat(ProxyJson.mapper().readTree(response.body()).path("type").asText())
                            .isEqualTo("message");
                }
                assertThat(calls).as("upstream calls").isEqualTo(whole.calls());
            }
        }
    }
}
