package dev.ccproxy.routes;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Tool;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ccproxy.testsupport.AnthropicStreamInvariants;
import dev.ccproxy.testsupport.Chunks;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import dev.ccproxy.testsupport.SseClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Anthropic Java SDK: {@code createStreaming}, accumulated with the SDK's own accumulator, gives the same
 * message as {@code create} for the same upstream answer.
 */
class AnthropicSdkStreamingTest extends ProxyRouteTestSupport {

    private AnthropicClient client;

    @BeforeAll
    void createClient() {
        client = AnthropicOkHttpClient.builder().baseUrl("http://127.0.0.1:" + proxyPort).apiKey("any")
                .maxRetries(0).build();
    }

    private static String sse(List<String> chunks) {
        StringBuilder body = new StringBuilder();
        chunks.forEach(chunk -> body.append("data: ").append(chunk).append("\n\n"));
        return body.toString();
    }

    @Test
    void streaming_and_non_streaming_give_the_same_message() throws Exception {
        // the same answer twice: as the golden "text-and-two-tool-calls" JSON, and as a stream
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                        .withBody(sse(List.of(Chunks.role(), Chunks.text("Let me read "), Chunks.text("both files."),
                                Chunks.toolCall(0, "call_1", "Read", ""),
                                Chunks.toolCall(0, null, null, "{\"file_path\":"),
                                Chunks.toolCall(0, null, null, "\"a.txt\"}"),
                                Chunks.toolCall(1, "call_2", "Read", "{\"file_path\":\"b.txt\"}"),
                                Chunks.finish("tool_calls"), Chunks.usage(25, 12), "[DONE]")))));
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(WireMock.notContaining("\"stream\":true"))
                .willReturn(okJson(upstreamAnswer("text-and-two-tool-calls"))));
        MessageCreateParams params = MessageCreateParams.builder()
                .model("claude-opus-5-5")
                .maxTokens(1024)
                .addTool(Tool.builder().name("Read").description("Read a file")
                        .inputSchema(Tool.InputSchema.builder()
                                .properties(JsonValue.from(Map.of("file_path", Map.of("type", "string")))).build())
                        .build())
                .addUserMessage("Read a.txt and b.txt")
                .build();

        Message created = client.messages().create(params);
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message streamed = accumulator.message();

        created.validate();
        streamed.validate();
        assertThat(describe(streamed)).isEqualTo(describe(created));
        assertThat(streamed.stopReason()).isEqualTo(created.stopReason());
        assertThat(streamed.usage().inputTokens()).isEqualTo(created.usage().inputTokens());
        assertThat(streamed.usage().outputTokens()).isEqualTo(created.usage().outputTokens());
        assertThat(streamed.model()).isEqualTo(created.model());

        // the same stream, read raw, keeps Anthropic's rules
        SseClient.Result raw = SseClient.stream(proxy("/v1/messages"), """
                {"model":"claude-opus-5-5","max_tokens":1024,"stream":true,
                 "tools":[{"name":"Read","description":"Read a file","input_schema":{"type":"object"}}],
                 "messages":[{"role":"user","content":"Read a.txt and b.txt"}]}""");
        AnthropicStreamInvariants.assertValid(raw.wire());
    }

    private static List<String> describe(Message message) {
        return message.content().stream().map(AnthropicSdkStreamingTest::describe).toList();
    }

    private static String describe(ContentBlock block) {
        if (block.isText()) {
            return "text:" + block.asText().text();
        }
        if (block.isToolUse()) {
            return "tool_use:" + block.asToolUse().id() + ":" + block.asToolUse().name() + ":"
                    + block.asToolUse()._input().convert(Map.class);
        }
        return "other:" + block;
    }
}
