package dev.ccproxy.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.AnthropicStreamInvariants;
import dev.ccproxy.testsupport.AnthropicStreamInvariants.WireEvent;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import dev.ccproxy.testsupport.ResponsesSse;
import dev.ccproxy.testsupport.SseClient;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static dev.ccproxy.testsupport.AnthropicErrorAssertions.assertAnthropicError;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests carrying Anthropic's web-search server tool, through the real routes to a WireMock Responses API: the
 * upstream request Claude Code's real web-search sub-request becomes, and the Anthropic answer (server tool blocks,
 * results, citations) built from recorded Responses payloads, whole and streamed.
 */
class WebSearchRouteTest extends ProxyRouteTestSupport {

    private static final String SEARCH_REQUEST = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":2048,%s"
            + "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":3}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"What is the latest Node.js LTS?\"}]}";

    private void responsesAnswersJson(String goldenCase) {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/responses")).willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("openai-organization", "org-secret")
                .withBody(responsesAnswer(goldenCase))));
    }

    private void responsesStreams(String goldenCase) {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/responses")).willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(ResponsesSse.body(goldenCase))));
    }

    private static String searchRequest(boolean stream) {
        return SEARCH_REQUEST.formatted("\"stream\":" + stream + ",");
    }

    @Test
    void claude_codes_web_search_request_becomes_this_responses_request() throws Exception {
        responsesStreams("web-search-with-sources");

        SseClient.Result result = SseClient.stream(proxy("/v1/messages?beta=true"), resource("claude-code/web-search.json"));

        assertThat(result.response().statusCode()).isEqualTo(200);
        AnthropicStreamInvariants.assertValid(result.wire());
        // the whole request is the golden mapping case's, plus the stream flag
        ObjectNode expected = (ObjectNode) ProxyJson.mapper().readTree(
                resource("golden/anthropic-to-responses/claude-code-web-search/expected.json"));
        expected.put("stream", true);
        upstream.verify(1, postRequestedFor(urlEqualTo("/v1/responses"))
                .withRequestBody(equalToJson(expected.toString(), false, false)));
        // and field by field, what matters about it
        JsonNode sent = onlyUpstreamRequest("/v1/responses");
        assertThat(sent.path("model").asText()).isEqualTo("gpt-4o");
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("instructions").asText())
                .startsWith("x-anthropic-billing-header")
                .contains("You are a Claude agent, built on Anthropic's Claude Agent SDK.");
        assertThat(sent.path("input")).hasSize(1);
        assertThat(sent.path("input").get(0).path("type").asText()).isEqualTo("message");
        assertThat(sent.path("input").get(0).path("role").asText()).isEqualTo("user");
        assertThat(sent.path("input").get(0).path("content").asText())
                .isEqualTo("Perform a web search for the query: latest Node.js LTS release");
        assertThat(sent.path("tools")).hasSize(1);
        assertThat(sent.path("tools").get(0).path("type").asText()).isEqualTo("web_search");
        assertThat(sent.path("tool_choice").asText()).isEqualTo("auto");
        assertThat(sent.path("max_tool_calls").asInt()).isEqualTo(8);
        assertThat(sent.path("max_output_tokens").asInt()).as("Claude Code's 128000, clamped to gpt-4o's profile")
                .isEqualTo(16384);
        assertThat(sent.path("include")).extracting(JsonNode::asText).containsExactly("web_search_call.action.sources");
        assertThat(sent.path("store").asBoolean(true)).isFalse();
        // what the Responses API rejects or does not know is never sent
        assertThat(sent.has("stop")).isFalse();
        assertThat(sent.has("messages")).isFalse();
        assertThat(sent.has("max_tokens")).isFalse();
        assertThat(sent.has("stream_options")).isFalse();
        assertThat(sent.has("reasoning")).as("gpt-4o is no reasoning model").isFalse();
        assertThat(sent.has("metadata")).isFalse();
        LoggedRequest raw = upstream.findAll(postRequestedFor(urlPathEqualTo("/v1/responses"))).get(0);
        assertThat(raw.getHeader("Authorization")).isEqualTo("Bearer " + UPSTREAM_KEY);
        assertThat(raw.getHeaders().keys()).map(String::toLowerCase)
                .doesNotContain("x-api-key", "anthropic-version", "anthropic-beta", "x-app", "proxyupstreamapi");
    }

    @Test
    void answers_a_search_with_server_tool_blocks_results_and_citations() throws Exception {
        responsesAnswersJson("web-search-with-sources");

        HttpResponse<String> response = postMessages(searchRequest(false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().map().keySet()).map(String::toLowerCase).doesNotContain("openai-organization");
        JsonNode message = ProxyJson.mapper().readTree(response.body());
        assertThat(message.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        JsonNode content = message.path("content");
        assertThat(content).extracting(block -> block.path("type").asText())
                .containsExactly("server_tool_use", "web_search_tool_result", "text");
        JsonNode call = content.get(0);
        assertThat(call.path("id").asText()).matches("srvtoolu_[A-Za-z0-9_]+");
        assertThat(call.path("name").asText()).isEqualTo("web_search");
        assertThat(call.path("input").path("query").asText()).isEqualTo("latest Node.js LTS release");
        JsonNode results = content.get(1);
        assertThat(results.path("tool_use_id").asText()).isEqualTo(call.path("id").asText());
        assertThat(results.path("content")).extracting(result -> result.path("url").asText())
                .containsExactly("https://nodejs.org/en/about/previous-releases", "https://github.com/nodejs/release");
        assertThat(results.path("content")).allSatisfy(result -> {
            assertThat(result.path("type").asText()).isEqualTo("web_search_result");
            assertThat(result.path("title").asText()).isNotBlank();
            assertThat(result.path("encrypted_content").isTextual()).isTrue();
        });
        JsonNode text = content.get(2);
        assertThat(text.path("text").asText()).startsWith("Node.js 24 is the current LTS release");
        assertThat(text.path("citations")).hasSize(2);
        JsonNode citation = text.path("citations").get(0);
        assertThat(citation.path("type").asText()).isEqualTo("web_search_result_location");
        assertThat(citation.path("url").asText()).isEqualTo("https://nodejs.org/en/about/previous-releases");
        assertThat(citation.path("cited_text").asText()).isEqualTo("Node.js 24 is the current LTS release");
        assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(message.path("usage").path("server_tool_use").path("web_search_requests").asInt()).isEqualTo(1);
        assertThat(message.path("usage").path("input_tokens").asInt()).isEqualTo(328);

        JsonNode sent = onlyUpstreamRequest("/v1/responses");
        assertThat(sent.has("stream")).as("a whole answer is asked for").isFalse();
        assertThat(sent.path("model").asText()).isEqualTo("gpt-4o");
        assertThat(sent.path("max_tool_calls").asInt()).isEqualTo(3);
        assertThat(sent.path("max_output_tokens").asInt()).isEqualTo(2048);
    }

    @Test
    void a_failed_search_is_a_web_search_tool_result_error() throws Exception {
        responsesAnswersJson("web-search-failed");

        JsonNode message = ProxyJson.mapper().readTree(postMessages(searchRequest(false)).body());

        JsonNode result = message.path("content").get(1);
        assertThat(result.path("type").asText()).isEqualTo("web_search_tool_result");
        assertThat(result.path("content").path("type").asText()).isEqualTo("web_search_tool_result_error");
        assertThat(result.path("content").path("error_code").asText()).isEqualTo("unavailable");
    }

    @Test
    void streams_the_search_as_anthropic_server_tool_events() throws Exception {
        responsesStreams("web-search-with-sources");

        SseClient.Result result = SseClient.stream(proxy("/v1/messages"), searchRequest(true));

        assertThat(result.response().statusCode()).isEqualTo(200);
        assertThat(result.response().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<WireEvent> events = result.wire();
        AnthropicStreamInvariants.assertValid(events);
        List<String> blockTypes = new ArrayList<>();
        StringBuilder query = new StringBuilder();
        List<JsonNode> citations = new ArrayList<>();
        JsonNode resultBlock = null;
        for (WireEvent event : events) {
            JsonNode data = event.data();
            if (event.name().equals("content_block_start")) {
                blockTypes.add(data.path("content_block").path("type").asText());
                if (data.path("content_block").path("type").asText().equals("web_search_tool_result")) {
                    resultBlock = data.path("content_block");
                }
            } else if (event.name().equals("content_block_delta")) {
                JsonNode delta = data.path("delta");
                switch (delta.path("type").asText()) {
                    case "input_json_delta" -> query.append(delta.path("partial_json").asText());
                    case "citations_delta" -> citations.add(delta.path("citation"));
                    default -> { }
                }
            }
        }
        assertThat(blockTypes).containsExactly("server_tool_use", "web_search_tool_result", "text");
        assertThat(ProxyJson.mapper().readTree(query.toString()).path("query").asText())
                .isEqualTo("latest Node.js LTS release");
        assertThat(resultBlock).isNotNull();
        assertThat(resultBlock.path("content")).extracting(entry -> entry.path("url").asText())
                .containsExactly("https://nodejs.org/en/about/previous-releases", "https://github.com/nodejs/release");
        assertThat(citations).extracting(citation -> citation.path("cited_text").asText())
                .containsExactly("Node.js 24 is the current LTS release", "Node.js 22 remains in maintenance");
        JsonNode messageDelta = result.named("message_delta").get(0).event().data();
        assertThat(messageDelta.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(messageDelta.path("usage").path("server_tool_use").path("web_search_requests").asInt()).isEqualTo(1);
        assertThat(onlyUpstreamRequest("/v1/responses").path("stream").asBoolean()).isTrue();
    }

    @Test
    void an_upstream_refusal_of_the_request_is_an_anthropic_error_before_the_stream_starts() throws Exception {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/responses")).willReturn(aResponse()
                .withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Tool 'web_search' is not supported with gpt-3.5-turbo.\","
                        + "\"type\":\"invalid_request_error\",\"param\":\"tools\",\"code\":null}}")));

        HttpResponse<String> response = postMessages(searchRequest(true));

        assertAnthropicError(response, 400, "invalid_request_error", "not supported with gpt-3.5-turbo");
        upstream.verify(1, postRequestedFor(urlPathEqualTo("/v1/responses")));
    }

    @Test
    void a_server_error_is_retried_on_the_responses_branch_too() throws Exception {
        upstreamFailsOnceThenAnswers("/v1/responses", 503, responsesAnswer("web-search-with-sources"));

        HttpResponse<String> response = postMessages(searchRequest(false));

        assertThat(response.statusCode()).isEqualTo(200);
        upstream.verify(2, postRequestedFor(urlPathEqualTo("/v1/responses")));
    }

    @Test
    void a_failed_response_in_the_stream_becomes_an_error_event() throws Exception {
        responsesStreams("failed");

        SseClient.Result result = SseClient.stream(proxy("/v1/messages"), searchRequest(true));

        assertThat(result.response().statusCode()).isEqualTo(200);
        AnthropicStreamInvariants.assertValid(result.wire());
        WireEvent last = result.wire().get(result.wire().size() - 1);
        assertThat(last.name()).isEqualTo("error");
        assertThat(last.data().path("error").path("type").asText()).isEqualTo("api_error");
        assertThat(result.named("message_stop")).isEmpty();
    }

    @Test
    void a_failed_response_without_streaming_is_an_anthropic_error() throws Exception {
        responsesAnswersJson("failed");

        HttpResponse<String> response = postMessages(searchRequest(false));

        assertAnthropicError(response, 502, "api_error", "The model failed to generate a response");
    }

    @Test
    void a_search_tool_with_an_input_schema_named_web_search_is_an_ordinary_tool() throws Exception {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(upstreamAnswer("text-only"))));

        HttpResponse<String> response = postMessages("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,"
                + "\"tools\":[{\"name\":\"web_search\",\"description\":\"our own search\",\"input_schema\":"
                + "{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        upstream.verify(1, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
        upstream.verify(0, postRequestedFor(urlPathEqualTo("/v1/responses")));
    }

    @Test
    void bad_web_search_settings_are_refused_before_any_upstream_call() throws Exception {
        HttpResponse<String> response = postMessages("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,"
                + "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":\"many\"}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertAnthropicError(response, 400, "invalid_request_error", "max_uses");
        upstream.verify(0, postRequestedFor(WireMock.anyUrl()));
    }
}
