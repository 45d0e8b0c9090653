package dev.ccproxy.routes;

import dev.ccproxy.testsupport.AnthropicStreamInvariants;
import dev.ccproxy.testsupport.Chunks;
import dev.ccproxy.testsupport.ScriptedRouteTestSupport;
import dev.ccproxy.testsupport.ScriptedUpstream;
import dev.ccproxy.testsupport.ScriptedUpstream.Step;
import dev.ccproxy.testsupport.SseClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Quiet upstreams: pings while it thinks (here every 200 ms), a timeout_error event when it falls silent (2 s idle). */
class StreamKeepAliveTest extends ScriptedRouteTestSupport {

    private static final String STREAM_REQUEST = "{\"model\":\"claude-opus-5-5\",\"max_tokens\":256,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Think hard\"}]}";

    @Override
    protected Map<String, String> scriptedSettings() {
        return Map.of("proxy.streaming.ping-interval-millis", "200", "proxy.upstream.idle-timeout-seconds", "2");
    }

    @Test
    void pings_while_the_upstream_is_silent() throws Exception {
        nextReply.set(new ScriptedUpstream.Sse(List.of(
                Step.data(Duration.ZERO, Chunks.role()),
                Step.data(Duration.ofMillis(1500), Chunks.text("Done thinking.")),
                Step.data(Duration.ZERO, Chunks.finish("stop")),
                Step.data(Duration.ZERO, Chunks.usage(10, 3)),
                Step.data(Duration.ZERO, "[DONE]"))));

        SseClient.Result result = SseClient.stream(proxy("/v1/messages"), STREAM_REQUEST);

        AnthropicStreamInvariants.assertValid(result.wire());
        long firstText = result.named("content_block_delta").get(0).atMillis();
        long pingsWhileSilent = result.named("ping").stream()
                .filter(ping -> ping.atMillis() < firstText).count();
        // one ping follows message_start anyway; the silence of 1.5 s brings several more
        assertThat(pingsWhileSilent).isGreaterThanOrEqualTo(4);
    }

    @Test
    void an_upstream_that_falls_silent_mid_stream_ends_with_a_timeout_error_event() throws Exception {
        nextReply.set(new ScriptedUpstream.Sse(List.of(
                Step.data(Duration.ZERO, Chunks.role()),
                Step.data(Duration.ZERO, Chunks.text("Starting")),
                Step.data(Duration.ofSeconds(6), Chunks.text("too late")))));

        SseClient.Result result = SseClient.stream(proxy("/v1/messages"), STREAM_REQUEST);

        AnthropicStreamInvariants.assertValid(result.wire());
        AnthropicStreamInvariants.WireEvent last = result.wire().get(result.wire().size() - 1);
        assertThat(last.name()).isEqualTo("error");
        assertThat(last.data().path("error").path("type").asText()).isEqualTo("timeout_error");
        assertThat(scripted.awaitClosedByProxy(Duration.ofSeconds(5))).isTrue();
    }
}
