package dev.ccproxy.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.AnthropicStreamInvariants;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import dev.ccproxy.testsupport.ResponsesSse;
import dev.ccproxy.testsupport.SseClient;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code proxy.upstream.api = responses}: ordinary requests (no web search) go to {@code /responses} too, with the
 * same mappings as the web-search branch: tools, tool history, reasoning, streaming.
 */
class ResponsesApiForAllRouteTest extends ProxyRouteTestSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of("proxy.upstream.api", "responses", "proxy.models.big", "gpt-5.1", "proxy.models.middle", "gpt-5.1");
    }

    @Test
    void an_ordinary_tool_request_goes_to_the_responses_api() throws Exception {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/responses")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(responsesAnswer("function-call"))));

        HttpResponse<String> response = postMessages("""
                {"model":"claude-haiku-4-5","max_tokens":1024,
                 "system":"You are terse.",
                 "tools":[{"name":"Bash","description":"Run a shell command","input_schema":{"type":"object","properties":{"command":{"type":"string"}}}}],
                 "tool_choice":{"type":"tool","name":"Bash"},
                 "messages":[{"role":"user","content":"List the files"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode message = ProxyJson.mapper().readTree(response.body());
        assertThat(message.path("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(message.path("stop_reason").asText()).isEqualTo("tool_use");
        JsonNode toolUse = message.path("content").get(1);
        assertThat(toolUse.path("type").asText()).isEqualTo("tool_use");
        assertThat(toolUse.path("name").asText()).isEqualTo("Bash");
        assertThat(toolUse.path("input").path("command").asText()).isEqualTo("ls");

        JsonNode sent = onlyUpstreamRequest("/v1/responses");
        assertThat(sent.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(sent.path("instructions").asText()).isEqualTo("You are terse.");
        assertThat(sent.path("tools")).hasSize(1);
        JsonNode tool = sent.path("tools").get(0);
        assertThat(tool.path("type").asText()).isEqualTo("function");
        assertThat(tool.path("name").asText()).as("the flat Responses function shape").isEqualTo("Bash");
        assertThat(tool.has("function")).isFalse();
        assertThat(sent.path("tool_choice").path("type").asText()).isEqualTo("function");
        assertThat(sent.path("tool_choice").path("name").asText()).isEqualTo("Bash");
        assertThat(sent.has("include")).as("no web search, no sources to include").isFalse();
        assertThat(sent.has("max_tool_calls")).isFalse();
        assertThat(sent.has("reasoning")).as("gpt-4o-mini is no reasoning model").isFalse();
    }

    @Test
    void claude_codes_tool_follow_up_streams_through_the_responses_api() throws Exception {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/responses")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(ResponsesSse.body("function-call"))));

        SseClient.Result result = SseClient.stream(proxy("/v1/messages?beta=true"), resource("claude-code/tool-followup.json"));

        assertThat(result.response().statusCode()).isEqualTo(200);
        AnthropicStreamInvariants.assertValid(result.wire());
        assertThat(result.named("content_block_start")).extracting(
                        start -> start.event().data().path("content_block").path("type").asText())
                .containsExactly("text", "tool_use");
        StringBuilder arguments = new StringBuilder();
        result.named("content_block_delta").stream().map(delta -> delta.event().data().path("delta"))
                .filter(delta -> delta.path("type").asText().equals("input_json_delta"))
                .forEach(delta -> arguments.append(delta.path("partial_json").asText()));
        assertThat(ProxyJson.mapper().readTree(arguments.toString()).path("command").asText()).isEqualTo("ls -la");
        assertThat(result.named("message_delta").get(0).event().data().path("delta").path("stop_reason").asText())
                .isEqualTo("tool_use");

        JsonNode sent = onlyUpstreamRequest("/v1/responses");
        assertThat(sent.path("model").asText()).isEqualTo("gpt-5.1");
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("reasoning").path("effort").asText()).as("Claude Code's output_config.effort")
                .isEqualTo("medium");
        assertThat(sent.path("reasoning").path("summary").asText()).isEqualTo("auto");
        // Claude Code's 12 tools less DeferredToolPlaceholder, which is deferred and never loaded
        assertThat(sent.path("tools")).hasSize(11).noneSatisfy(tool -> assertThat(tool.path("name").asText())
                .isEqualTo("DeferredToolPlaceholder"));
        assertThat(sent.path("tools")).allSatisfy(tool -> assertThat(tool.path("type").asText()).isEqualTo("function"));
        List<JsonNode> input = StreamSupport.stream(sent.path("input").spliterator(), false).toList();
        JsonNode call = input.stream().filter(item -> item.path("type").asText().equals("function_call")).findFirst()
                .orElseThrow();
        JsonNode output = input.stream().filter(item -> item.path("type").asText().equals("function_call_output"))
                .findFirst().orElseThrow();
        assertThat(call.path("call_id").asText()).isEqualTo("toolu_de9a8d340c5c4d378b814eef");
        assertThat(call.path("name").asText()).isEqualTo("Bash");
        assertThat(ProxyJson.mapper().readTree(call.path("arguments").asText()).isObject()).isTrue();
        assertThat(output.path("call_id").asText()).isEqualTo(call.path("call_id").asText());
        assertThat(input.indexOf(output)).isGreaterThan(input.indexOf(call));
        assertThat(input).anySatisfy(item -> {
            assertThat(item.path("role").asText()).isEqualTo("system");
        });
    }

    @Test
    void reasoning_summaries_come_back_as_thinking() throws Exception {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/responses")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(ResponsesSse.body("reasoning-summary"))));

        SseClient.Result result = SseClient.stream(proxy("/v1/messages"), """
                {"model":"claude-opus-4-5","max_tokens":8000,"stream":true,
                 "thinking":{"type":"enabled","budget_tokens":6000},
                 "messages":[{"role":"user","content":"What is the latest Node.js LTS?"}]}""");

        AnthropicStreamInvariants.assertValid(result.wire());
        JsonNode first = result.named("content_block_start").get(0).event().data().path("content_block");
        assertThat(first.path("type").asText()).as("thinking comes first").isEqualTo("thinking");
        assertThat(result.named("content_block_delta")).anySatisfy(delta ->
                assertThat(delta.event().data().path("delta").path("type").asText()).isEqualTo("thinking_delta"));
        JsonNode sent = onlyUpstreamRequest("/v1/responses");
        assertThat(sent.path("reasoning").path("effort").asText()).isNotBlank();
        assertThat(sent.path("max_output_tokens").asInt()).isEqualTo(8000);
    }
}
