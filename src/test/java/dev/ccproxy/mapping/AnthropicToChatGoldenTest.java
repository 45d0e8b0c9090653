package dev.ccproxy.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.anthropic.MessagesRequestReader;
import dev.ccproxy.error.ProxyException;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.GoldenCases;
import dev.ccproxy.testsupport.GoldenJson;
import dev.ccproxy.testsupport.OpenApiSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Anthropic request → Chat Completions request, one folder per case under {@code golden/anthropic-to-chat}:
 * {@code request.json} (what the client sends), {@code expected.json} (what the upstream must get) or
 * {@code error.json} (the 400 the client must get), and optionally {@code settings.properties}.
 */
class AnthropicToChatGoldenTest {

    static Stream<Path> cases() {
        return GoldenCases.of("anthropic-to-chat");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void maps_the_request_as_the_golden_file_says(Path dir) throws IOException {
        byte[] input = Files.readAllBytes(dir.resolve("request.json"));
        Path errorFile = dir.resolve("error.json");
        if (Files.exists(errorFile)) {
            ProxyException error = catchThrowableOfType(ProxyException.class, () -> map(dir, input));
            assertThat(error).as("mapping %s must fail", dir.getFileName()).isNotNull();
            GoldenCases.assertError(errorFile, error);
            return;
        }
        GoldenJson.assertMatches(dir.resolve("expected.json"), map(dir, input));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void upstream_request_satisfies_openai_spec(Path dir) throws IOException {
        Path expected = dir.resolve("expected.json");
        if (Files.exists(expected)) {
            OpenApiSpec.assertValid(OpenApiSpec.CHAT_REQUEST, GoldenJson.read(expected));
        }
    }

    private static JsonNode map(Path dir, byte[] input) {
        Properties settings = GoldenCases.settings(dir);
        AnthropicToChatCompletions mapper = new AnthropicToChatCompletions(
                new ModelResolver(GoldenCases.models(settings)), GoldenCases.tokenLimits(settings), true);
        MessagesRequest request = MessagesRequestReader.read(input);
        return ProxyJson.mapper().valueToTree(mapper.map(request, mapper.context(request)));
    }
}
