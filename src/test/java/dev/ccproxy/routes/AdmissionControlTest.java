package dev.ccproxy.routes;

import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.Chunks;
import dev.ccproxy.testsupport.RawHttp;
import dev.ccproxy.testsupport.ScriptedRouteTestSupport;
import dev.ccproxy.testsupport.ScriptedUpstream;
import dev.ccproxy.testsupport.SseClient;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code proxy.server.max-concurrent-requests}: with its places taken, a new {@code /v1/messages} request is refused at
 * once with 529 {@code overloaded_error}, {@code retry-after} and its connection closed, while the requests in flight,
 * count_tokens and the health endpoints go on; places come back when requests end, however they end.
 */
class AdmissionControlTest extends ScriptedRouteTestSupport {

    private static final String HELD = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hold on\"}]}";
    private static final String QUICK = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"quick\"}]}";

    @Override
    protected Map<String, String> scriptedSettings() {
        return Map.of("proxy.server.max-concurrent-requests", "2", "proxy.upstream.max-retries", "0");
    }

    @Override
    protected ScriptedUpstream.Reply reply(ScriptedUpstream.Request request) {
        // "hold on" keeps its place until the upstream gives up on it; anything else is answered at once
        return request.body().contains("hold on") ? new ScriptedUpstream.Hold(Duration.ofSeconds(2))
                : ScriptedUpstream.sse(Duration.ZERO, Chunks.answer("Hello"));
    }

    @Test
    void past_the_limit_a_request_is_refused_at_once_and_the_others_go_on() throws Exception {
        int before = scripted.requests().size();
        List<CompletableFuture<HttpResponse<String>>> held = List.of(sendAsync(HELD), sendAsync(HELD));
        await().atMost(Duration.ofSeconds(10)).until(() -> scripted.requests().size() >= before + 2);

        long start = System.nanoTime();
        RawHttp.Response refused = RawHttp.post(proxyPort, "/v1/messages", QUICK, 5_000);
        long refusedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(refused.statusLines()).hasSize(1);
        assertThat(refused.status()).isEqualTo(529);
        assertThat(refusedMillis).as("refused at once").isLessThan(1_000);
        assertThat(refused.header("retry-after")).isEqualTo("1");
        assertThat(refused.header("x-should-retry")).as("Anthropic's SDKs retry it").isEqualTo("true");
        assertThat(refused.header("connection")).isEqualToIgnoringCase("close");
        assertThat(refused.header("request-id")).startsWith("req_");
        assertThat(ProxyJson.mapper().readTree(refused.body()).path("error").path("type").asText())
                .isEqualTo("overloaded_error");
        assertThat(scripted.requests()).as("the refused request never reached the upstream").hasSize(before + 2);

        // what is not counted still answers
        HttpResponse<String> count = send(HttpRequest.newBuilder(proxy("/v1/messages/count_tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(QUICK)).build());
        assertThat(count.statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(proxy("/health")).build()).statusCode()).isEqualTo(200);

        // the held requests end (their upstream gives up: an error, not a stream) and give their places back
        for (CompletableFuture<HttpResponse<String>> request : held) {
            assertThat(request.get().statusCode()).isEqualTo(502);
        }
        SseClient.Result after = SseClient.stream(proxy("/v1/messages"), QUICK);
        assertThat(after.response().statusCode()).isEqualTo(200);
        assertThat(after.named("message_stop")).hasSize(1);
    }

    @Test
    void streams_give_their_places_back_when_they_end() throws Exception {
        for (int i = 0; i < 5; i++) {
            SseClient.Result result = SseClient.stream(proxy("/v1/messages"), QUICK);
            assertThat(result.response().statusCode()).isEqualTo(200);
            assertThat(result.named("message_stop")).hasSize(1);
        }
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String body) {
        return http.sendAsync(HttpRequest.newBuilder(proxy("/v1/messages")).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
