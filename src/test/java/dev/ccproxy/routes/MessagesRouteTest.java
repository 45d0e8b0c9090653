package dev.ccproxy.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The real routes, the real HTTP server, WireMock as the OpenAI-compatible upstream. */
class MessagesRouteTest extends ProxyRouteTestSupport {

    private void upstreamAnswers(String goldenCase) {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-request-id", "req-upstream-1")
                .withHeader("openai-organization", "org-secret")
                .withHeader("Set-Cookie", "__cf_bm=abc; path=/")
                .withBody(upstreamAnswer(goldenCase))));
    }

    @Test
    void answers_a_claude_code_request_through_chat_completions() throws Exception {
        upstreamAnswers("text-only");
        String body = resource("claude-code/plain-text.json").replace("\"stream\": true", "\"stream\": false");

        HttpResponse<String> response = postMessages(body, claudeCodeHeaders("plain-text"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode message = ProxyJson.mapper().readTree(response.body());
        assertThat(message.path("id").asText()).matches("msg_[0-9A-Za-z]{24}");
        assertThat(message.path("model").asText()).isEqualTo("claude-opus-5-5");
        assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("Hello! How can I help you today?");
        assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
        // the upstream got exactly what the golden mapping case says, with the stream flag off
        upstream.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(equalToJson(resource("golden/anthropic-to-chat/claude-code-plain-text/expected.json"))));
    }

    @Test
    void sends_the_upstream_its_own_credentials_and_none_of_the_clients_headers() {
        upstreamAnswers("text-only");
        postMessages("{\"model\":\"claude-haiku-5-5\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                claudeCodeHeaders("plain-text"));

        List<LoggedRequest> requests = upstream.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(requests).hasSize(1);
        LoggedRequest sent = requests.get(0);
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + UPSTREAM_KEY);
        assertThat(sent.getHeader("Content-Type")).startsWith("application/json");
        assertThat(sent.getHeaders().keys()).map(String::toLowerCase)
                .doesNotContain("x-api-key", "anthropic-version", "anthropic-beta", "x-app", "x-claude-code-session-id",
                        "anthropic-dangerous-direct-browser-access", "x-stainless-lang", "x-stainless-retry-count",
                        "proxyupstreamapi");
        assertThat(sent.getHeader("User-Agent")).doesNotContain("claude-cli");
        assertThat(sent.getBodyAsString()).contains("\"model\":\"gpt-4o-mini\"");
    }

    @Test
    void answers_with_only_the_headers_it_chooses() {
        upstreamAnswers("text-only");
        HttpResponse<String> response = postMessages(
                "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", "client-key", "X-Custom-Echo", "please-do-not-echo");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        assertThat(response.headers().map().keySet()).map(String::toLowerCase)
                .filteredOn(name -> !name.equals(":status")) // the JDK client's pseudo-header for the status line
                .containsOnly("content-type", "content-length", "request-id");
    }

    @Test
    void maps_a_tool_round_trip() throws Exception {
        upstreamAnswers("tool-call-only");
        HttpResponse<String> first = postMessages("""
                {"model":"claude-sonnet-4-5","max_tokens":1024,
                 "tools":[{"name":"Bash","description":"Run a shell command","input_schema":{"type":"object","properties":{"command":{"type":"string"}}}}],
                 "messages":[{"role":"user","content":"List the files"}]}""");
        JsonNode answer = ProxyJson.mapper().readTree(first.body());
        assertThat(answer.path("stop_reason").asText()).isEqualTo("tool_use");
        JsonNode toolUse = answer.path("content").get(0);
        assertThat(toolUse.path("type").asText()).isEqualTo("tool_use");
        assertThat(toolUse.path("name").asText()).isEqualTo("Bash");
        assertThat(toolUse.path("input").path("command").asText()).isEqualTo("ls -la");

        upstream.resetAll();
        upstreamAnswers("text-only");
        String followUp = resource("claude-code/tool-followup.json").replace("\"stream\": true", "\"stream\": false");
        assertThat(postMessages(followUp).statusCode()).isEqualTo(200);
        upstream.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(equalToJson(resource("golden/anthropic-to-chat/claude-code-tool-followup/expected.json"))));
    }

    @Test
    void ignores_the_query_string_claude_code_adds() {
        upstreamAnswers("text-only");
        HttpResponse<String> response = send(HttpRequest.newBuilder(proxy("/v1/messages?beta=true&foo=bar"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build());
        assertThat(response.statusCode()).isEqualTo(200);
        upstream.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void health_answers_once_the_routes_are_started() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(proxy("/health")).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(response.headers().map().keySet()).map(String::toLowerCase).doesNotContain("user-agent");
    }

    @Test
    void custom_upstream_headers_are_not_set_unless_configured() {
        upstreamAnswers("text-only");
        postMessages("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                claudeCodeHeaders("plain-text"));

        List<LoggedRequest> sent = upstream.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getHeader("Authorization")).isEqualTo("Bearer " + UPSTREAM_KEY);
        // no provider here configures headers: what arrives is the credential, the body's headers and what the HTTP
        // client itself sends, nothing else (no api-key, no X-Title, nothing of the client's)
        assertThat(sent.get(0).getHeaders().keys()).map(name -> name.toLowerCase(Locale.ROOT))
                .containsOnly("authorization", "content-type", "content-length", "host", "connection", "user-agent");
    }

    @Test
    void claude_codes_session_header_keys_the_prompt_cache_when_the_metadata_does_not() throws Exception {
        upstreamAnswers("text-only");
        String session = "5b0e8f3c-2d1a-4c6b-9e7f-0a1b2c3d4e5f";

        postMessages("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "X-Claude-Code-Session-Id", session);

        JsonNode sent = ProxyJson.mapper().readTree(upstream.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))
                .get(0).getBodyAsString());
        assertThat(sent.path("prompt_cache_key").asText()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(session.getBytes(StandardCharsets.UTF_8))));
        // no user id in the request: no safety identifier, and never the old raw user field
        assertThat(sent.has("safety_identifier")).isFalse();
        assertThat(sent.has("user")).isFalse();
    }

    @Test
    void context_edits_are_applied_before_the_upstream_sees_the_history_and_reported_in_the_answer()
            throws Exception {
        upstreamAnswers("text-only");
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"Read both files\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Read\","
                + "\"input\":{\"file_path\":\"a.txt\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\","
                + "\"content\":\"" + "the old file, ".repeat(50) + "\"}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"Read\","
                + "\"input\":{\"file_path\":\"b.txt\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_2\","
                + "\"content\":\"the new file\"}]}],"
                + "\"context_management\":{\"edits\":[{\"type\":\"clear_tool_uses_20250919\","
                + "\"trigger\":{\"type\":\"input_tokens\",\"value\":50},\"keep\":{\"type\":\"tool_uses\",\"value\":1}}]}}";

        HttpResponse<String> response = postMessages(body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode applied = ProxyJson.mapper().readTree(response.body()).path("context_management")
                .path("applied_edits").get(0);
        assertThat(applied.path("type").asText()).isEqualTo("clear_tool_uses_20250919");
        assertThat(applied.path("cleared_tool_uses").asInt()).isEqualTo(1);
        assertThat(applied.path("cleared_input_tokens").asInt()).isPositive();
        String sent = upstream.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).get(0).getBodyAsString();
        assertThat(sent).contains("[tool result cleared to save context]").contains("the new file")
                .doesNotContain("the old file");
    }

    @Test
    void a_model_that_exists_only_on_the_responses_api_is_sent_there() throws Exception {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/responses")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(responsesAnswer("function-call"))));

        HttpResponse<String> response = postMessages(
                "{\"model\":\"gpt-5.1-codex\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ProxyJson.mapper().readTree(response.body()).path("model").asText()).isEqualTo("gpt-5.1-codex");
        upstream.verify(0, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
        List<LoggedRequest> sent = upstream.findAll(postRequestedFor(urlPathEqualTo("/v1/responses")));
        assertThat(sent).hasSize(1);
        JsonNode body = ProxyJson.mapper().readTree(sent.get(0).getBodyAsString());
        assertThat(body.path("model").asText()).isEqualTo("gpt-5.1-codex");
        assertThat(body.path("max_output_tokens").asInt()).isEqualTo(50);
    }
}
