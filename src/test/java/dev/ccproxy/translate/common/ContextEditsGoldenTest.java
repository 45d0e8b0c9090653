package dev.ccproxy.translate.common;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.GoldenCases;
import dev.ccproxy.testsupport.GoldenJson;
import dev.ccproxy.tokens.RequestTokens;
import dev.ccproxy.tokens.TextTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Context editing, one folder per case under {@code golden/context-edits}: {@code request.json} (with its
 * {@code context_management.edits}), {@code expected.json} (the history the upstream conversion starts from, and the
 * {@code context_management} report the answer carries). Tokens are counted as count_tokens counts them.
 */
class ContextEditsGoldenTest {

    private static final RequestTokens TOKENS = new RequestTokens(new TextTokens(1 << 20));

    static Stream<Path> cases() {
        return GoldenCases.of("context-edits");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void edits_the_history_as_the_golden_file_says(Path dir) {
        ContextEdits.Result result = ContextEdits.apply(GoldenCases.request(dir, "{}"), TOKENS::count);

        ObjectNode actual = ProxyJson.mapper().createObjectNode();
        actual.set("messages", ProxyJson.mapper().valueToTree(result.request().messages()));
        actual.set("context_management", result.report());
        GoldenJson.assertMatches(dir.resolve("expected.json"), actual);
    }
}
