package dev.ccproxy.routes;

import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.AnthropicStreamInvariants;
import dev.ccproxy.testsupport.ResponsesSse;
import dev.ccproxy.testsupport.ScriptedRouteTestSupport;
import dev.ccproxy.testsupport.ScriptedUpstream;
import dev.ccproxy.testsupport.SseClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A web search streamed by a scripted Responses API with real gaps: the client hears from the proxy at once and
 * keeps hearing (pings) while the search runs, each block arrives when its upstream events do, and a client that
 * hangs up ends the upstream stream.
 */
class WebSearchStreamingRouteTest extends ScriptedRouteTestSupport {

    private static final String SEARCH_REQUEST = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":2048,\"stream\":true,"
            + "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":3}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"What is the latest Node.js LTS?\"}]}";
    private static final Duration SEARCH_TIME = Duration.ofMillis(1500);

    @Override
    protected Map<String, String> scriptedSettings() {
        return Map.of("proxy.streaming.ping-interval-millis", "200");
    }

    /** The recorded search, with the search itself taking {@link #SEARCH_TIME} and everything else 20 ms apart. */
    private static ScriptedUpstream.Sse slowSearch() {
        List<ScriptedUpstream.Step> steps = new ArrayList<>();
        for (String event : ResponsesSse.goldenEvents("web-search-with-sources")) {
            Duration before = event.contains("\"type\":\"response.web_search_call.completed\"")
                    ? SEARCH_TIME : Duration.ofMillis(20);
            steps.add(new ScriptedUpstream.Step(before, ResponsesSse.frame(event)));
        }
        return new ScriptedUpstream.Sse(steps);
    }

    @Test
    void the_client_hears_at_once_and_gets_pings_while_the_search_runs() throws Exception {
        nextReply.set(slowSearch());

        SseClient.Result result = SseClient.stream(proxy("/v1/messages"), SEARCH_REQUEST);

        assertThat(result.response().statusCode()).isEqualTo(200);
        AnthropicStreamInvariants.assertValid(result.wire());
        long started = result.named("message_start").get(0).atMillis();
        long searchDone = result.named("content_block_start").get(0).atMillis();
        assertThat(started).as("message_start goes out when the upstream starts, not when the search ends")
                .isLessThan(SEARCH_TIME.toMillis() - 500);
        assertThat(searchDone - started).as("the server_tool_use block comes once the search is done")
                .isGreaterThanOrEqualTo(SEARCH_TIME.toMillis() - 200);
        long pingsDuringSearch = result.named("ping").stream()
                .filter(ping -> ping.atMillis() > started + 300 && ping.atMillis() < searchDone)
                .count();
        assertThat(pingsDuringSearch).as("pings keep the client's connection alive during the search")
                .isGreaterThanOrEqualTo(3);
        assertThat(result.named("content_block_start")).extracting(
                        start -> start.event().data().path("content_block").path("type").asText())
                .containsExactly("server_tool_use", "web_search_tool_result", "text");
        String sent = scripted.requests().get(scripted.requests().size() - 1).path();
        assertThat(sent).isEqualTo("/v1/responses");
    }

    @Test
    void a_client_that_hangs_up_during_the_search_ends_the_upstream_stream() throws Exception {
        nextReply.set(slowSearch());

        SseClient.Result result = SseClient.stream(proxy("/v1/messages"), SEARCH_REQUEST,
                event -> event.name().equals("ping"));

        assertThat(result.named("message_start")).hasSize(1);
        assertThat(scripted.awaitClosedByProxy(Duration.ofSeconds(5)))
                .as("the proxy closed its upstream connection during the search").isTrue();
        assertThat(scripted.eventsBeforeClose()).as("the upstream never got to send the answer").isLessThan(8);
        assertThat(ProxyJson.mapper().readTree(scripted.requests().get(scripted.requests().size() - 1).body())
                .path("tools").get(0).path("type").asText()).isEqualTo("web_search");
    }
}
