package dev.ccproxy.routes;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.AnthropicStreamInvariants;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import dev.ccproxy.testsupport.SseClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.ccproxy.testsupport.AnthropicErrorAssertions.assertAnthropicError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider that speaks Anthropic's Messages API itself ({@code api = anthropic}: Ollama 0.14+, llama.cpp, vLLM,
 * SGLang, DeepSeek, OpenRouter): haiku goes there as Anthropic Messages, everything else to the OpenAI default.
 */
class AnthropicUpstreamRouteTest extends ProxyRouteTestSupport {

    private static final String PATH = "/native/v1/messages";
    private static final String ANSWER = "{\"id\":\"msg_native_1\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"qwen3:8b\",\"content\":[{\"type\":\"text\",\"text\":\"Hello from a native server.\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":6}}";
    private static final String STREAM = String.join("", List.of(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_native_2\",\"type\":"
                    + "\"message\",\"role\":\"assistant\",\"model\":\"qwen3:8b\",\"content\":[],\"stop_reason\":null,"
                    + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":0}}}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                    + "{\"type\":\"text\",\"text\":\"\"}}\n\n",
            "event: ping\ndata: {\"type\":\"ping\"}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                    + "{\"type\":\"text_delta\",\"text\":\"Hello from \"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                    + "{\"type\":\"text_delta\",\"text\":\"a native server.\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":6}}\n\n",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));

    @Override
    protected Map<String, String> settings() {
        return Map.ofEntries(Map.entry("proxy.providers.native.base-url", upstream.baseUrl() + "/native/v1"),
                Map.entry("proxy.providers.native.api-key", "native-key"),
                Map.entry("proxy.providers.native.api", "anthropic"),
                Map.entry("proxy.models.map[0].match", "claude-haiku-*"),
                Map.entry("proxy.models.map[0].provider", "native"),
                Map.entry("proxy.models.map[0].model", "qwen3:8b"),
                // OpenRouter-style: the same API, the key as a bearer token
                Map.entry("proxy.providers.router.base-url", upstream.baseUrl() + "/router/v1"),
                Map.entry("proxy.providers.router.api-key", "router-key"),
                Map.entry("proxy.providers.router.api", "anthropic"),
                Map.entry("proxy.providers.router.auth", "bearer"),
                Map.entry("proxy.models.map[1].match", "claude-opus-*"),
                Map.entry("proxy.models.map[1].provider", "router"),
                Map.entry("proxy.models.map[1].model", "anthropic/claude-opus-4.5"));
    }

    /** With fields the proxy does not read, which an Anthropic-speaking upstream must still get. */
    private static String request(boolean stream) {
        return "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":300,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Say hello\","
                + "\"cache_control\":{\"type\":\"ephemeral\"}}]}],\"container\":\"ctr_1\","
                + "\"context_management\":{\"edits\":[{\"type\":\"clear_thinking_20251015\",\"keep\":\"all\"}]}}";
    }

    @Test
    void the_request_goes_as_anthropic_messages_with_the_providers_credentials_and_the_clients_beta() throws IOException {
        upstream.stubFor(WireMock.post(urlPathEqualTo(PATH)).willReturn(WireMock.okJson(ANSWER)));

        HttpResponse<String> response = postMessages(request(false), "anthropic-beta", "interleaved-thinking-2025-05-14",
                "x-api-key", "client-key", "X-Claude-Code-Session-Id", "s-1");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = ProxyJson.mapper().readTree(response.body());
        assertThat(answer.path("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(answer.path("content").get(0).path("text").asText()).isEqualTo("Hello from a native server.");
        assertThat(response.headers().firstValue("request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        List<LoggedRequest> sent = upstream.findAll(postRequestedFor(urlPathEqualTo(PATH)));
        assertThat(sent).hasSize(1);
        LoggedRequest call = sent.get(0);
        assertThat(call.getHeader("x-api-key")).isEqualTo("native-key");
        assertThat(call.getHeader("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(call.getHeader("anthropic-beta")).isEqualTo("interleaved-thinking-2025-05-14");
        assertThat(call.getHeaders().keys()).map(name -> name.toLowerCase(Locale.ROOT))
                .doesNotContain("authorization", "x-claude-code-session-id");
        JsonNode body = ProxyJson.mapper().readTree(call.getBodyAsString());
        assertThat(body.path("model").asText()).isEqualTo("qwen3:8b");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.path("messages").get(0).path("content").get(0).path("cache_control").path("type").asText())
                .isEqualTo("ephemeral");
        assertThat(body.path("container").asText()).isEqualTo("ctr_1");
        assertThat(body.has("context_management")).as("context editing is the proxy's to apply").isFalse();
        assertThat(answer.path("context_management").path("applied_edits").isArray()).isTrue();
        upstream.verify(0, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }

    @Test
    void a_stream_is_relayed_event_by_event_with_the_requested_model() throws Exception {
        upstream.stubFor(WireMock.post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(STREAM)));

        SseClient.Result result = SseClient.stream(proxy("/v1/messages"), request(true));

        AnthropicStreamInvariants.assertValid(result.wire());
        assertThat(result.named("message_start").get(0).event().data().path("message").path("model").asText())
                .isEqualTo("claude-haiku-4-5");
        StringBuilder text = new StringBuilder();
        result.named("content_block_delta").forEach(delta -> text.append(delta.event().data().path("delta")
                .path("text").asText()));
        assertThat(text.toString()).isEqualTo("Hello from a native server.");
        assertThat(result.named("message_stop")).hasSize(1);
        JsonNode sent = ProxyJson.mapper().readTree(upstream.findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0)
                .getBodyAsString());
        assertThat(sent.path("stream").asBoolean()).isTrue();
    }

    @Test
    void a_provider_that_takes_a_bearer_token_gets_one_and_no_x_api_key() {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/router/v1/messages")).willReturn(WireMock.okJson(ANSWER)));

        HttpResponse<String> response = postMessages(request(false).replace("claude-haiku-4-5", "claude-opus-4-5"));

        assertThat(response.statusCode()).isEqualTo(200);
        LoggedRequest call = upstream.findAll(postRequestedFor(urlPathEqualTo("/router/v1/messages"))).get(0);
        assertThat(call.getHeader("Authorization")).isEqualTo("Bearer router-key");
        assertThat(call.containsHeader("x-api-key")).isFalse();
    }

    @Test
    void the_anthropic_sdk_reads_the_relayed_answer_whole_and_streamed() {
        upstream.stubFor(WireMock.post(urlPathEqualTo(PATH))
                .withRequestBody(WireMock.matchingJsonPath("$.stream", WireMock.equalTo("true")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                        .withBody(STREAM)));
        upstream.stubFor(WireMock.post(urlPathEqualTo(PATH))
                .withRequestBody(WireMock.notContaining("\"stream\":true")).willReturn(WireMock.okJson(ANSWER)));
        AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl("http://127.0.0.1:" + proxyPort)
                .apiKey("any").maxRetries(0).build();
        MessageCreateParams params = MessageCreateParams.builder().model("claude-haiku-4-5").maxTokens(300)
                .addUserMessage("Say hello").build();

        Message whole = client.messages().create(params);
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message streamed = accumulator.message();

        for (Message message : List.of(whole, streamed)) {
            assertThat(message.model().asString()).isEqualTo("claude-haiku-4-5");
            assertThat(message.content().get(0).asText().text()).isEqualTo("Hello from a native server.");
            assertThat(message.stopReason()).hasValueSatisfying(reason -> assertThat(reason.asString())
                    .isEqualTo("end_turn"));
        }
    }

    @Test
    void the_upstreams_anthropic_error_reaches_the_client_as_its_own_status_and_type() throws IOException {
        upstream.stubFor(WireMock.post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"type\":\"error\",\"error\":{\"type\":"
                        + "\"invalid_request_error\",\"message\":\"max_tokens: must be at most 8192\"}}")));

        assertAnthropicError(postMessages(request(false)), 400, "invalid_request_error",
                "max_tokens: must be at most 8192");
    }
}
