package dev.ccproxy.routes;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.CitationsWebSearchResultLocation;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.ServerToolUseBlock;
import com.anthropic.models.messages.TextBlock;
import com.anthropic.models.messages.TextCitation;
import com.anthropic.models.messages.WebSearchResultBlock;
import com.anthropic.models.messages.WebSearchTool20250305;
import com.anthropic.models.messages.WebSearchToolResultBlock;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import dev.ccproxy.testsupport.ResponsesSse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Anthropic Java SDK reads a web search answered through the Responses branch, whole and streamed: the
 * server tool call, its results and the citations are the SDK's own types, and a conversation carrying them goes on.
 */
class AnthropicSdkWebSearchTest extends ProxyRouteTestSupport {

    private AnthropicClient client;

    @BeforeAll
    void createClient() {
        client = AnthropicOkHttpClient.builder().baseUrl("http://127.0.0.1:" + proxyPort).apiKey("any")
                .maxRetries(0).build();
    }

    private static MessageCreateParams searchParams() {
        return MessageCreateParams.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(2048)
                .addTool(WebSearchTool20250305.builder().maxUses(3L).build())
                .addUserMessage("What is the latest Node.js LTS?")
                .build();
    }

    private void upstreamAnswersBothWays() {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/responses"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                        .withBody(ResponsesSse.body("web-search-with-sources"))));
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/responses"))
                .withRequestBody(WireMock.notContaining("\"stream\":true"))
                .willReturn(okJson(responsesAnswer("web-search-with-sources"))));
    }

    @Test
    void the_sdk_reads_the_search_the_results_and_the_citations() {
        upstreamAnswersBothWays();

        Message message = client.messages().create(searchParams());

        assertSearchAnswer(message);
        assertThat(message.usage().serverToolUse()).hasValueSatisfying(
                use -> assertThat(use.webSearchRequests()).isEqualTo(1L));
        TextBlock text = message.content().get(2).asText();
        CitationsWebSearchResultLocation citation = text.citations().orElseThrow().get(0).asWebSearchResultLocation();
        assertThat(citation.title()).hasValue("Node.js — Node.js Releases");
    }

    @Test
    void the_sdk_accumulates_the_streamed_search_into_the_same_message() {
        upstreamAnswersBothWays();

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(searchParams())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message streamed = accumulator.message();
        Message whole = client.messages().create(searchParams());

        assertSearchAnswer(streamed);
        assertThat(streamed.stopReason()).isEqualTo(whole.stopReason());
        assertThat(streamed.usage().serverToolUse()).hasValueSatisfying(
                use -> assertThat(use.webSearchRequests()).isEqualTo(1L));
        assertThat(citations(streamed)).isEqualTo(citations(whole));
    }

    @Test
    void a_conversation_carrying_the_search_goes_on() {
        upstreamAnswersBothWays();
        Message answer = client.messages().create(searchParams());

        MessageCreateParams followUp = searchParams().toBuilder()
                .addMessage(answer)
                .addUserMessage("And the one before?")
                .build();
        Message next = client.messages().create(followUp);

        assertSearchAnswer(next);
        String sent = upstream.findAll(postRequestedFor(urlPathEqualTo("/v1/responses"))).get(1).getBodyAsString();
        assertThat(sent).as("the earlier search reaches the model as text")
                .contains("https://nodejs.org/en/about/previous-releases")
                .contains("Node.js 24 is the current LTS release");
    }

    /**
     * The answer, through the SDK's types. Every block is validated by the SDK except {@code server_tool_use}: the
     * SDK (3.13.0) refuses even the blocks Anthropic's own API returns there ({@code 'name' is invalid, received
     * web_search}: its check compares the parsed enum with the raw string), so that block is checked field by field.
     */
    private static void assertSearchAnswer(Message message) {
        List<ContentBlock> content = message.content();
        assertThat(content).hasSize(3);
        message.usage().validate();
        content.get(1).asWebSearchToolResult().validate();
        content.get(2).asText().validate();
        ServerToolUseBlock call = content.get(0).asServerToolUse();
        assertThat(call.caller().isDirect()).isTrue();
        assertThat(call.id()).startsWith("srvtoolu_");
        assertThat(call.name()).isEqualTo(ServerToolUseBlock.Name.WEB_SEARCH);
        assertThat(call._input().convert(Map.class)).isEqualTo(Map.of("query", "latest Node.js LTS release"));
        WebSearchToolResultBlock results = content.get(1).asWebSearchToolResult();
        assertThat(results.toolUseId()).isEqualTo(call.id());
        assertThat(results.caller().isDirect()).isTrue();
        assertThat(results.content().isResultBlocks()).isTrue();
        assertThat(results.content().asResultBlocks()).extracting(WebSearchResultBlock::url)
                .containsExactly("https://nodejs.org/en/about/previous-releases", "https://github.com/nodejs/release");
        TextBlock text = content.get(2).asText();
        assertThat(text.text()).isEqualTo("Node.js 24 is the current LTS release, and Node.js 22 remains in maintenance.");
        assertThat(text.citations()).hasValueSatisfying(citations -> assertThat(citations).hasSize(2));
        assertThat(message.stopReason()).hasValueSatisfying(reason -> assertThat(reason.toString()).isEqualTo("end_turn"));
    }

    private static List<String> citations(Message message) {
        return message.content().get(2).asText().citations().orElseThrow().stream()
                .map(TextCitation::asWebSearchResultLocation)
                .map(citation -> citation.url() + " | " + citation.title().orElse("") + " | " + citation.citedText())
                .toList();
    }
}
