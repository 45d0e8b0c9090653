package dev.ccproxy.routes;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The official Anthropic Java SDK as the client: what the proxy answers must parse and validate there. */
class AnthropicSdkClientTest extends ProxyRouteTestSupport {

    private AnthropicClient client;

    @Override
    protected Map<String, String> settings() {
        return Map.of("proxy.client.api-key", "sdk-client-key");
    }

    @BeforeAll
    void createClient() {
        client = AnthropicOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + proxyPort)
                .apiKey("sdk-client-key")
                .maxRetries(0)
                .build();
    }

    private void upstreamAnswers(String goldenCase) {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(okJson(upstreamAnswer(goldenCase))));
    }

    @Test
    void create_parses_a_text_answer() {
        upstreamAnswers("usage-cached-tokens");

        Message message = client.messages().create(MessageCreateParams.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(256)
                .system("Be brief.")
                .addUserMessage("Say hi")
                .build());

        message.validate();
        assertThat(message.id()).startsWith("msg_");
        assertThat(message.model().asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(message.content()).hasSize(1);
        assertThat(message.content().get(0).asText().text()).isEqualTo("Hi");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(86);
        assertThat(message.usage().outputTokens()).isEqualTo(300);
        assertThat(message.usage().cacheReadInputTokens()).contains(1920L);
    }

    @Test
    void create_parses_a_tool_call_and_a_tool_result_follow_up() {
        upstreamAnswers("text-and-two-tool-calls");
        Tool read = Tool.builder()
                .name("Read")
                .description("Read a file")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("file_path", Map.of("type", "string"))))
                        .required(List.of("file_path"))
                        .build())
                .build();
        MessageCreateParams.Builder params = MessageCreateParams.builder()
                .model("claude-opus-5-5")
                .maxTokens(1024)
                .addTool(read)
                .addUserMessage("Read a.txt and b.txt");

        Message first = client.messages().create(params.build());

        first.validate();
        assertThat(first.stopReason()).contains(StopReason.TOOL_USE);
        List<ToolUseBlock> calls = first.content().stream().filter(ContentBlock::isToolUse)
                .map(ContentBlock::asToolUse).toList();
        assertThat(calls).extracting(ToolUseBlock::name).containsExactly("Read", "Read");
        assertThat(calls).extracting(ToolUseBlock::id).containsExactly("call_1", "call_2");
        assertThat(calls.get(0)._input().convert(Map.class)).isEqualTo(Map.of("file_path", "a.txt"));

        upstream.resetAll();
        upstreamAnswers("text-only");
        Message second = client.messages().create(params
                .addMessage(first)
                .addUserMessageOfContentBlockParams(List.of(
                        ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                                .toolUseId("call_1").content("contents of a").build()),
                        ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                                .toolUseId("call_2").content("no such file").isError(true).build())))
                .build());

        second.validate();
        assertThat(second.content().get(0).asText().text()).isEqualTo("Hello! How can I help you today?");
        upstream.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.messages[1].tool_calls[1].id", WireMock.equalTo("call_2")))
                .withRequestBody(matchingJsonPath("$.messages[2].role", WireMock.equalTo("tool")))
                .withRequestBody(matchingJsonPath("$.messages[2].content", WireMock.equalTo("contents of a")))
                .withRequestBody(matchingJsonPath("$.messages[3].content", WireMock.equalTo("Error: no such file"))));
    }

    @Test
    void create_parses_thinking_first() {
        upstreamAnswers("reasoning-content-thinking-first");
        Message message = client.messages().create(MessageCreateParams.builder()
                .model("claude-sonnet-4-5").maxTokens(100).addUserMessage("2+2?")
                .addTool(Tool.builder().name("Bash").inputSchema(Tool.InputSchema.builder().build()).build())
                .build());

        message.validate();
        assertThat(message.content()).extracting(block -> block.isThinking() ? "thinking"
                : block.isText() ? "text" : block.isToolUse() ? "tool_use" : "other")
                .containsExactly("thinking", "text", "tool_use");
        assertThat(message.content().get(0).asThinking().thinking()).isEqualTo("2 plus 2 is 4.");
    }

    @Test
    void a_tool_use_param_round_trips_through_the_sdk() {
        // the SDK turns a parsed answer back into a request param; the proxy must accept what it produces
        upstreamAnswers("tool-call-only");
        Message first = client.messages().create(MessageCreateParams.builder()
                .model("claude-sonnet-4-5").maxTokens(100).addUserMessage("ls")
                .addTool(Tool.builder().name("Bash").inputSchema(Tool.InputSchema.builder().build()).build())
                .build());
        ToolUseBlockParam param = first.content().get(0).asToolUse().toParam();
        assertThat(param.name()).isEqualTo("Bash");
    }
}
