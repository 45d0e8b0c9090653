package dev.ccproxy.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.anthropic.MessagesRequestReader;
import dev.ccproxy.config.TokenLimits;
import dev.ccproxy.error.ProxyException;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.openai.chat.ChatCompletion;
import dev.ccproxy.testsupport.GoldenCases;
import dev.ccproxy.testsupport.GoldenJson;
import dev.ccproxy.testsupport.OpenApiSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Chat Completions answer → Anthropic message, one folder per case under {@code golden/chat-to-anthropic}:
 * {@code upstream.json} (the upstream's answer), {@code request.json} (the client's request, for the model, tool names
 * and stop sequences; a one-line request when absent), and {@code expected.json} or {@code error.json}.
 */
class ChatToAnthropicGoldenTest {

    private static final String DEFAULT_REQUEST =
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    static Stream<Path> cases() {
        return GoldenCases.of("chat-to-anthropic");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void maps_the_answer_as_the_golden_file_says(Path dir) throws IOException {
        Path errorFile = dir.resolve("error.json");
        if (Files.exists(errorFile)) {
            ProxyException error = catchThrowableOfType(ProxyException.class, () -> map(dir));
            assertThat(error).as("mapping %s must fail", dir.getFileName()).isNotNull();
            GoldenCases.assertError(errorFile, error);
            return;
        }
        GoldenJson.assertMatches(dir.resolve("expected.json"), map(dir));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void upstream_fixture_satisfies_openai_spec(Path dir) {
        // provider extensions (reasoning_content, vLLM's stop_reason, …) are extra fields, which the spec allows;
        // a provider that breaks the spec itself is named in provider-quirk.json with the paths it breaks
        OpenApiSpec.assertValidExcept(OpenApiSpec.CHAT_RESPONSE, GoldenJson.read(dir.resolve("upstream.json")),
                GoldenCases.quirkPaths(dir));
    }

    private static JsonNode map(Path dir) throws IOException {
        Path requestFile = dir.resolve("request.json");
        byte[] requestBytes = Files.exists(requestFile) ? Files.readAllBytes(requestFile)
                : DEFAULT_REQUEST.getBytes(StandardCharsets.UTF_8);
        MessagesRequest request = MessagesRequestReader.read(requestBytes);
        AnthropicToChatCompletions requestMapper = new AnthropicToChatCompletions(
                new ModelResolver(GoldenCases.models(GoldenCases.settings(dir))), TokenLimits.NONE, true);
        ChatCompletion completion = ProxyJson.mapper().readValue(dir.resolve("upstream.json").toFile(),
                ChatCompletion.class);
        return ProxyJson.mapper().valueToTree(
                ChatCompletionsToAnthropic.map(completion, requestMapper.context(request)));
    }
}
