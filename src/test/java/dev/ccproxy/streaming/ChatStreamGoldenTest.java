package dev.ccproxy.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.anthropic.MessagesRequestReader;
import dev.ccproxy.config.TokenLimits;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.mapping.AnthropicToChatCompletions;
import dev.ccproxy.mapping.InputTokenEstimate;
import dev.ccproxy.mapping.ModelResolver;
import dev.ccproxy.testsupport.AnthropicStreamInvariants;
import dev.ccproxy.testsupport.AnthropicStreamInvariants.WireEvent;
import dev.ccproxy.testsupport.CollectingSink;
import dev.ccproxy.testsupport.GoldenCases;
import dev.ccproxy.testsupport.GoldenJson;
import dev.ccproxy.testsupport.OpenApiSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Recorded Chat Completions streams → Anthropic events, one folder per case under {@code golden/stream-chat}:
 * {@code upstream.chunks.txt} (one chunk a line, as the provider sent it after {@code data: }; {@code [DONE]} where
 * it sent that; a line starting {@code sse:} goes out verbatim), {@code expected.events.txt} (one event a line:
 * {@code <name> <json>}), optionally {@code request.json} and {@code settings.properties}
 * ({@code tool-calls=buffered}). The relay, the translator and the invariants are the production ones.
 */
class ChatStreamGoldenTest {

    private static final String DEFAULT_REQUEST = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    static Stream<Path> cases() {
        return GoldenCases.of("stream-chat");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void translates_the_stream_as_the_golden_file_says(Path dir) throws IOException {
        List<WireEvent> events = relay(dir);

        AnthropicStreamInvariants.assertValid(events);
        Path expectedFile = dir.resolve("expected.events.txt");
        List<String> actual = events.stream().map(event -> event.name() + " " + event.data()).toList();
        if (GoldenJson.UPDATE || !Files.exists(expectedFile)) {
            Files.writeString(expectedFile, String.join("\n", actual).replaceAll(
                    "\"(msg|toolu)_[0-9A-Za-z]{24}\"", "\"<re:$1_[0-9A-Za-z]{24}>\"") + "\n");
            if (!GoldenJson.UPDATE) {
                fail("No " + expectedFile + " yet: written from the actual output, review it and run again");
            }
            return;
        }
        List<String> expected = Files.readAllLines(expectedFile).stream().filter(line -> !line.isBlank()).toList();
        assertThat(actual).as("number of events").hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            String line = expected.get(i);
            int space = line.indexOf(' ');
            assertThat(events.get(i).name()).as("event %d name", i).isEqualTo(line.substring(0, space));
            List<String> differences = new ArrayList<>();
            GoldenJson.compare("event " + i, ProxyJson.mapper().readTree(line.substring(space + 1)),
                    events.get(i).data(), differences);
            assertThat(differences).as("event %d of %s", i, dir.getFileName()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void upstream_chunks_satisfy_openai_spec(Path dir) throws IOException {
        boolean unparseableAllowed = Files.exists(dir.resolve("provider-quirk.json"))
                && GoldenJson.read(dir.resolve("provider-quirk.json")).path("unparseable_chunks").asBoolean();
        List<String> deviations = GoldenCases.quirkPaths(dir);
        java.util.Set<String> occurred = new java.util.HashSet<>();
        for (String line : Files.readAllLines(dir.resolve("upstream.chunks.txt"))) {
            String chunk = line.trim();
            if (chunk.isEmpty() || chunk.equals("[DONE]") || chunk.startsWith("sse:")) {
                continue;
            }
            JsonNode node;
            try {
                node = ProxyJson.mapper().readTree(chunk);
            } catch (IOException e) {
                assertThat(unparseableAllowed).as("%s has a chunk that is not JSON: %s", dir.getFileName(), chunk)
                        .isTrue();
                continue;
            }
            if (node.has("error")) {
                continue; // an error sent as a chunk is the provider's failure report, not a completion chunk
            }
            occurred.addAll(OpenApiSpec.validateExcept(OpenApiSpec.CHAT_CHUNK, node, deviations));
        }
        assertThat(occurred).as("the declared deviations must really occur").containsExactlyInAnyOrderElementsOf(
                deviations);
    }

    static List<WireEvent> relay(Path dir) throws IOException {
        Path requestFile = dir.resolve("request.json");
        MessagesRequest request = MessagesRequestReader.read(Files.exists(requestFile)
                ? Files.readAllBytes(requestFile) : DEFAULT_REQUEST.getBytes(StandardCharsets.UTF_8));
        Properties settings = GoldenCases.settings(dir);
        AnthropicToChatCompletions mapper = new AnthropicToChatCompletions(
                new ModelResolver(GoldenCases.models(settings)), TokenLimits.NONE, true);
        ChatCompletionsStreamTranslator translator = new ChatCompletionsStreamTranslator(mapper.context(request),
                "buffered".equals(settings.getProperty("tool-calls")), InputTokenEstimate.of(request));
        CollectingSink sink = new CollectingSink();
        ChatCompletionsStreamRelay.relay(new SseReader(new ByteArrayInputStream(sse(dir))), translator, sink);
        return sink.events();
    }

    private static byte[] sse(Path dir) throws IOException {
        StringBuilder sse = new StringBuilder();
        for (String line : Files.readAllLines(dir.resolve("upstream.chunks.txt"))) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("sse:")) {
                sse.append(line.substring(4).replace("\\n", "\n"));
            } else {
                sse.append("data: ").append(line.trim()).append("\n\n");
            }
        }
        return sse.toString().getBytes(StandardCharsets.UTF_8);
    }
}
