package dev.ccproxy.translate.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.GoldenCases;
import dev.ccproxy.testsupport.GoldenJson;
import dev.ccproxy.testsupport.OpenApiSpec;
import dev.ccproxy.testsupport.StreamGoldenSupport;
import dev.ccproxy.tokens.RequestTokens;
import dev.ccproxy.tokens.TextTokens;
import dev.ccproxy.translate.common.UpstreamToAnthropicStream;
import dev.ccproxy.translate.common.TranslationContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recorded Chat Completions streams → Anthropic events, one folder per case under {@code golden/stream-chat}:
 * {@code upstream.chunks.txt} (one chunk a line, as the provider sent it after {@code data: }; {@code [DONE]} where
 * it sent that; a line starting {@code sse:} goes out verbatim), {@code expected.events.txt} (one event a line:
 * {@code <name> <json>}), optionally {@code request.json} and {@code settings.properties}
 * ({@code tool-calls=buffered}). The relay, the translator and the invariants are the production ones.
 */
class ChatToAnthropicStreamGoldenTest extends StreamGoldenSupport {

    private static final RequestTokens INPUT_TOKENS = new RequestTokens(new TextTokens(1 << 20));

    @Override
    protected String direction() {
        return "stream-chat";
    }

    @Override
    protected String defaultRequest() {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    }

    @Override
    protected UpstreamToAnthropicStream translator(MessagesRequest request, Properties settings) {
        return new ChatToAnthropicStream(TranslationContext.of(request, GoldenCases.resolver(settings)),
                "buffered".equals(settings.getProperty("tool-calls")), INPUT_TOKENS.count(request));
    }

    @Override
    protected void assertUpstreamSatisfiesSpec(Path dir) throws IOException {
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

    @Override
    protected byte[] upstreamSse(Path dir) throws IOException {
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
