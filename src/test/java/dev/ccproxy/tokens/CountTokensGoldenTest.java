package dev.ccproxy.tokens;

import dev.ccproxy.anthropic.MessagesRequestReader;
import dev.ccproxy.testsupport.GoldenCases;
import dev.ccproxy.testsupport.GoldenJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * count_tokens requests with known counts, one folder per case under {@code golden/count-tokens}: {@code request.json}
 * and {@code expected.json} ({@code {"input_tokens": N}}) or {@code error.json}. The expected counts were computed
 * independently of this code, with the o200k_base encoding of the gpt-tokenizer npm package and the same rules (text
 * pieces, 3 per message, images by size, 2000 per PDF page, the tools prompt, 8 per tool and the schema's JSON), so a
 * case fails when the tokenizer or the walk over the request goes wrong.
 */
class CountTokensGoldenTest {

    private static final RequestTokens TOKENS = new RequestTokens(new TextTokens(1 << 20));

    static Stream<Path> cases() {
        return GoldenCases.of("count-tokens");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void counts_as_the_golden_file_says(Path dir) throws IOException {
        byte[] body = Files.readAllBytes(dir.resolve("request.json"));
        if (GoldenCases.failsAsExpected(dir, () -> TOKENS.count(MessagesRequestReader.readForCounting(body)))) {
            return;
        }
        int expected = GoldenJson.read(dir.resolve("expected.json")).path("input_tokens").asInt();
        assertThat(TOKENS.count(MessagesRequestReader.readForCounting(body))).isEqualTo(expected);
        // and again, now from the cache
        assertThat(TOKENS.count(MessagesRequestReader.readForCounting(body))).isEqualTo(expected);
    }
}
