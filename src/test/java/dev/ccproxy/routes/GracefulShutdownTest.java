package dev.ccproxy.routes;

import dev.ccproxy.testsupport.AnthropicStreamInvariants;
import dev.ccproxy.testsupport.Chunks;
import dev.ccproxy.testsupport.ScriptedRouteTestSupport;
import dev.ccproxy.testsupport.ScriptedUpstream;
import dev.ccproxy.testsupport.ScriptedUpstream.Step;
import dev.ccproxy.testsupport.SseClient;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.ccproxy.testsupport.AnthropicErrorAssertions.assertAnthropicError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the proxy with requests in flight (what SIGTERM does: Camel is stopped), with a drain time of 1.5 s:
 * readiness turns 503 and new requests get 529 at once; a stream that finishes within the drain time is whole; a
 * stream and a whole answer still running at its end get {@code overloaded_error} (as the stream's last event, and as
 * a 529 with {@code retry-after}), their upstream calls are cut, and the stop completes promptly.
 */
class GracefulShutdownTest extends ScriptedRouteTestSupport {

    private static final Duration DRAIN = Duration.ofMillis(1500);

    @BeanInject
    CamelContext camelContext;

    @Override
    protected Map<String, String> scriptedSettings() {
        return Map.of("proxy.server.drain-seconds", "1.5");
    }

    @Override
    protected ScriptedUpstream.Reply reply(ScriptedUpstream.Request request) {
        if (request.body().contains("finishes")) {
            return new ScriptedUpstream.Sse(List.of(Step.data(Duration.ZERO, Chunks.role()),
                    Step.data(Duration.ofMillis(800), Chunks.text("Made it.")),
                    Step.data(Duration.ZERO, Chunks.finish("stop")), Step.data(Duration.ZERO, "[DONE]")));
        }
        if (request.body().contains("lingers")) {
            return new ScriptedUpstream.Sse(List.of(Step.data(Duration.ZERO, Chunks.role()),
                    Step.data(Duration.ZERO, Chunks.text("Still")),
                    Step.data(Duration.ofSeconds(20), Chunks.text(" going"))));
        }
        return new ScriptedUpstream.Late(Duration.ofSeconds(20), ScriptedUpstream.json(200, "{}"));
    }

    private static String request(String text, boolean stream) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    private HttpResponse<String> ready() {
        return send(HttpRequest.newBuilder(proxy("/health/ready")).GET().build());
    }

    @Test
    void in_flight_requests_drain_then_the_rest_are_ended_with_overloaded_error() throws Exception {
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<SseClient.Result> finishing = clients.submit(
                    () -> SseClient.stream(proxy("/v1/messages"), request("finishes", true)));
            Future<SseClient.Result> lingering = clients.submit(
                    () -> SseClient.stream(proxy("/v1/messages"), request("lingers", true)));
            Future<HttpResponse<String>> whole = clients.submit(() -> postMessages(request("whole", false)));
            await().atMost(Duration.ofSeconds(5)).until(() -> scripted.requests().size() == 3);
            assertThat(ready().statusCode()).isEqualTo(200);

            long stopAt = System.nanoTime();
            Future<?> stopping = clients.submit(() -> camelContext.stop());

            await().atMost(Duration.ofMillis(500)).until(() -> ready().statusCode() == 503);
            assertThat(ready().body()).contains("shutting down");
            HttpResponse<String> refused = postMessages(request("late", false));
            assertAnthropicError(refused, 529, "overloaded_error", "The proxy is shutting down; retry");
            assertThat(refused.headers().firstValue("x-should-retry")).hasValue("true");

            SseClient.Result finished = finishing.get(10, TimeUnit.SECONDS);
            AnthropicStreamInvariants.assertValid(finished.wire());
            assertThat(finished.wire().getLast().name()).isEqualTo("message_stop");

            SseClient.Result cut = lingering.get(10, TimeUnit.SECONDS);
            AnthropicStreamInvariants.assertValid(cut.wire());
            assertThat(cut.wire().getLast().name()).isEqualTo("error");
            assertThat(cut.wire().getLast().data().path("error").path("type").asText())
                    .isEqualTo("overloaded_error");

            HttpResponse<String> wholeAnswer = whole.get(10, TimeUnit.SECONDS);
            assertAnthropicError(wholeAnswer, 529, "overloaded_error", "shutting down");
            assertThat(wholeAnswer.headers().firstValue("retry-after")).hasValue("1");

            stopping.get(15, TimeUnit.SECONDS);
            long stoppedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopAt);
            assertThat(stoppedAfter).isBetween(DRAIN.toMillis(), DRAIN.toMillis() + 5_000);
            // both upstream calls still running at the end of the drain were cut, not left to the upstream
            assertThat(scripted.closesByProxy()).isEqualTo(2);
        }
    }
}
