package dev.ccproxy.routes;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.ThinkingBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import dev.ccproxy.testsupport.ResponsesSse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reasoning model on the Responses API keeps its chain of thought across turns: the SDK receives each reasoning item
 * as a thinking block whose signature carries it (whole and streamed), and when the conversation goes on, the proxy
 * sends the item back upstream in its place.
 */
class AnthropicSdkReasoningTest extends ProxyRouteTestSupport {

    /** A Responses-only reasoning model (codex) in the built-in profiles. */
    private static final String MODEL = "gpt-5.1-codex";

    private AnthropicClient client;

    @BeforeAll
    void createClient() {
        client = AnthropicOkHttpClient.builder().baseUrl("http://127.0.0.1:" + proxyPort).apiKey("any")
                .maxRetries(0).build();
    }

    private void upstreamReasons() {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/responses"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                        .withBody(ResponsesSse.body("reasoning-encrypted-content"))));
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/responses"))
                .withRequestBody(WireMock.notContaining("\"stream\":true"))
                .willReturn(okJson(responsesAnswer("reasoning-encrypted-content"))));
    }

    private static MessageCreateParams.Builder params() {
        return MessageCreateParams.builder().model(MODEL).maxTokens(4096)
                .enabledThinking(2048).addUserMessage("What is the latest Node.js LTS?");
    }

    @Test
    void reasoning_comes_back_as_signed_thinking_and_goes_upstream_again_next_turn() throws IOException {
        upstreamReasons();

        Message first = client.messages().create(params().build());

        List<ThinkingBlock> thinking = first.content().stream().filter(ContentBlock::isThinking)
                .map(ContentBlock::asThinking).toList();
        assertThat(thinking).extracting(ThinkingBlock::signature)
                .allSatisfy(signature -> assertThat(signature).startsWith("ccproxy-reasoning-v1.rs_0"))
                .hasSize(2);
        assertThat(thinking.get(0).thinking()).startsWith("The user wants the latest LTS.");
        assertThat(thinking.get(1).thinking()).isEmpty();
        // the request asked for the encrypted reasoning
        JsonNode asked = ProxyJson.mapper().readTree(upstream.findAll(postRequestedFor(urlPathEqualTo("/v1/responses")))
                .get(0).getBodyAsString());
        assertThat(asked.path("include").toString()).contains("reasoning.encrypted_content");
        assertThat(asked.path("store").asBoolean(true)).isFalse();

        client.messages().create(params().addMessage(first).addUserMessage("And the one before?").build());

        JsonNode next = ProxyJson.mapper().readTree(upstream.findAll(postRequestedFor(urlPathEqualTo("/v1/responses")))
                .get(1).getBodyAsString());
        List<JsonNode> reasoning = next.path("input").findParents("encrypted_content");
        assertThat(reasoning).extracting(item -> item.path("id").asText()).containsExactly("rs_08", "rs_09");
        assertThat(reasoning.get(0).path("type").asText()).isEqualTo("reasoning");
        assertThat(reasoning.get(0).path("encrypted_content").asText()).startsWith("gAAAAABpK3Zl");
        assertThat(reasoning.get(0).path("summary").get(0).path("text").asText())
                .startsWith("The user wants the latest LTS.");
    }

    @Test
    void streamed_reasoning_arrives_with_its_signature() {
        upstreamReasons();

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages()
                .createStreaming(params().build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();

        assertThat(message.content().stream().filter(ContentBlock::isThinking).map(ContentBlock::asThinking)
                .map(ThinkingBlock::signature).toList())
                .satisfiesExactly(
                        signature -> assertThat(signature).startsWith("ccproxy-reasoning-v1.rs_07.gAAAAABpK3Zl"),
                        signature -> assertThat(signature).startsWith("ccproxy-reasoning-v1.rs_07b.gAAAAABpK3Zm"));
    }
}
