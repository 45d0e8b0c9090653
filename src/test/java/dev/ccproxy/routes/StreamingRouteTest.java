package dev.ccproxy.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.AnthropicStreamInvariants;
import dev.ccproxy.testsupport.Chunks;
import dev.ccproxy.testsupport.ScriptedRouteTestSupport;
import dev.ccproxy.testsupport.ScriptedUpstream;
import dev.ccproxy.testsupport.SseClient;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.ccproxy.testsupport.AnthropicErrorAssertions.assertAnthropicError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code stream: true} through the real routes against a scripted upstream that streams with real gaps, so the test
 * can tell a relayed stream from a buffered one, and see the proxy hang up on it.
 */
class StreamingRouteTest extends ScriptedRouteTestSupport {

    private static final String STREAM_REQUEST = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Count to ten\"}]}";

    @Test
    void relays_each_event_as_the_upstream_sends_it() throws Exception {
        List<String> words = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            words.add(" " + i);
        }
        nextReply.set(ScriptedUpstream.sse(Duration.ofMillis(200), Chunks.answer(words.toArray(String[]::new))));

        SseClient.Result result = SseClient.stream(proxy("/v1/messages?beta=true"), STREAM_REQUEST);

        assertThat(result.response().statusCode()).isEqualTo(200);
        assertThat(result.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        AnthropicStreamInvariants.assertValid(result.wire());
        List<SseClient.Received> deltas = result.named("content_block_delta");
        assertThat(deltas).hasSize(10);
        // the upstream needs about 2.6 s for the whole answer; a buffering proxy would deliver it all at the end
        long first = deltas.get(0).atMillis();
        long last = deltas.get(9).atMillis();
        assertThat(first).as("first text arrives long before the upstream is done").isLessThan(1200);
        assertThat(last - first).as("the deltas arrive spread out, as sent").isGreaterThan(1200);
        // the upstream asked for usage with the stream
        JsonNode sent = ProxyJson.mapper().readTree(scripted.requests().get(scripted.requests().size() - 1).body());
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void message_start_counts_input_tokens_as_count_tokens_does() throws Exception {
        nextReply.set(ScriptedUpstream.sse(Duration.ofMillis(5), Chunks.answer("Hi")));
        String claudeCode = resource("claude-code/plain-text.json");

        SseClient.Result result = SseClient.stream(proxy("/v1/messages?beta=true"), claudeCode);
        HttpResponse<String> counted = send(HttpRequest.newBuilder(proxy("/v1/messages/count_tokens?beta=true"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(claudeCode)).build());

        int started = result.named("message_start").get(0).event().data().path("message").path("usage")
                .path("input_tokens").asInt();
        assertThat(counted.statusCode()).isEqualTo(200);
        assertThat(started).as("an estimate from the real tokenizer, not characters / 4").isGreaterThan(1000)
                .isEqualTo(ProxyJson.mapper().readTree(counted.body()).path("input_tokens").asInt());
    }

    @Test
    void a_client_that_hangs_up_mid_stream_cancels_the_upstream_at_once() throws Exception {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            words.add(" w" + i);
        }
        nextReply.set(ScriptedUpstream.sse(Duration.ofMillis(100), Chunks.answer(words.toArray(String[]::new))));

        SseClient.Result result = SseClient.stream(proxy("/v1/messages"), STREAM_REQUEST,
                event -> event.name().equals("content_block_delta")
                        && event.data().path("delta").path("text").asText().equals(" w2"));

        assertThat(result.named("content_block_delta")).hasSize(3);
        assertThat(scripted.awaitClosedByProxy(Duration.ofSeconds(5)))
                .as("the proxy closed its upstream connection").isTrue();
        assertThat(scripted.eventsBeforeClose()).as("events the upstream sent before the proxy hung up")
                .isLessThan(15);
    }

    @Test
    void a_stop_sequence_in_the_text_ends_the_answer_and_the_upstream_call() throws Exception {
        List<String> words = new ArrayList<>(List.of(" 1", " 2", " 3 E", "ND"));
        for (int i = 0; i < 30; i++) {
            words.add(" after" + i);
        }
        nextReply.set(ScriptedUpstream.sse(Duration.ofMillis(50), Chunks.answer(words.toArray(String[]::new))));

        SseClient.Result result = SseClient.stream(proxy("/v1/messages"), STREAM_REQUEST.replace("\"stream\":true,",
                "\"stream\":true,\"stop_sequences\":[\"END\"],"));

        AnthropicStreamInvariants.assertValid(result.wire());
        StringBuilder text = new StringBuilder();
        result.named("content_block_delta").forEach(delta -> text.append(delta.event().data().path("delta")
                .path("text").asText()));
        assertThat(text.toString()).isEqualTo(" 1 2 3 ");
        JsonNode end = result.named("message_delta").get(0).event().data().path("delta");
        assertThat(end.path("stop_reason").asText()).isEqualTo("stop_sequence");
        assertThat(end.path("stop_sequence").asText()).isEqualTo("END");
        // the proxy watches for the sequence itself, so the upstream was not given it, and was cut off at the match
        JsonNode sent = ProxyJson.mapper().readTree(scripted.requests().get(scripted.requests().size() - 1).body());
        assertThat(sent.has("stop")).isFalse();
        assertThat(scripted.awaitClosedByProxy(Duration.ofSeconds(5))).as("the proxy ended the upstream call").isTrue();
        assertThat(scripted.eventsBeforeClose()).isLessThan(15);
    }

    @Test
    void a_client_that_hangs_up_on_a_non_streaming_request_cancels_the_upstream_call() throws Exception {
        nextReply.set(new ScriptedUpstream.Hold(Duration.ofSeconds(20)));

        HttpRequest request = HttpRequest.newBuilder(proxy("/v1/messages"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMillis(800))
                .POST(HttpRequest.BodyPublishers.ofString(STREAM_REQUEST.replace("\"stream\":true", "\"stream\":false")))
                .build();
        assertThat(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .failsWithin(Duration.ofSeconds(5));

        assertThat(scripted.awaitClosedByProxy(Duration.ofSeconds(5)))
                .as("the proxy closed the upstream call the client gave up on").isTrue();
    }

    @Test
    void an_upstream_error_before_the_first_chunk_is_a_real_http_error() throws Exception {
        nextReply.set(ScriptedUpstream.json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}",
                "retry-after: 60"));

        HttpResponse<String> response = postMessages(STREAM_REQUEST);

        assertAnthropicError(response, 429, "rate_limit_error", "Rate limit reached");
        assertThat(response.headers().firstValue("retry-after")).hasValue("60");
    }

    @Test
    void an_upstream_failure_mid_stream_becomes_one_error_event() throws Exception {
        nextReply.set(ScriptedUpstream.sse(Duration.ofMillis(20), List.of(Chunks.role(), Chunks.text("Partial"),
                Chunks.error("The server had an error while processing your request."))));

        SseClient.Result result = SseClient.stream(proxy("/v1/messages"), STREAM_REQUEST);

        assertThat(result.response().statusCode()).isEqualTo(200);
        AnthropicStreamInvariants.assertValid(result.wire());
        AnthropicStreamInvariants.WireEvent last = result.wire().get(result.wire().size() - 1);
        assertThat(last.name()).isEqualTo("error");
        assertThat(last.data().path("error").path("type").asText()).isEqualTo("api_error");
        assertThat(last.data().path("error").path("message").asText()).contains("The server had an error");
    }

    @Test
    void streams_a_tool_call_as_input_json_deltas() throws Exception {
        nextReply.set(ScriptedUpstream.sse(Duration.ofMillis(10), List.of(
                Chunks.toolCall(0, "call_1", "Bash", ""), Chunks.toolCall(0, null, null, "{\"command\":"),
                Chunks.toolCall(0, null, null, "\"ls\"}"), Chunks.finish("tool_calls"), Chunks.usage(50, 10),
                "[DONE]")));

        SseClient.Result result = SseClient.stream(proxy("/v1/messages"), STREAM_REQUEST.replace("\"messages\"",
                "\"tools\":[{\"name\":\"Bash\",\"input_schema\":{\"type\":\"object\"}}],\"messages\""));

        AnthropicStreamInvariants.assertValid(result.wire());
        assertThat(result.named("content_block_delta")).extracting(
                received -> received.event().data().path("delta").path("partial_json").asText())
                .containsExactly("{\"command\":", "\"ls\"}");
        assertThat(result.named("message_delta").get(0).event().data().path("delta").path("stop_reason").asText())
                .isEqualTo("tool_use");
    }
}
