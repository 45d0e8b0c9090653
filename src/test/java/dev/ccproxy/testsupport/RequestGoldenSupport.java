package dev.ccproxy.testsupport;

import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.anthropic.MessagesRequestReader;
import dev.ccproxy.json.ProxyJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;


/**
 * Anthropic request → upstream request, one folder per case under {@code golden/<direction>}: {@code request.json}
 * (what the client sends), {@code expected.json} (what the upstream must get, itself valid per OpenAI's spec) or
 * {@code error.json} (the 400 the client must get), and optionally {@code settings.properties}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RequestGoldenSupport {

    /** The folder under {@code golden/}. */
    protected abstract String direction();

    /** The schema in OpenAI's spec the upstream request must satisfy. */
    protected abstract String upstreamSchema();

    /** The production mapping, configured by the case's settings. */
    protected abstract Object map(MessagesRequest request, Properties settings);

    Stream<Path> cases() {
        return GoldenCases.of(direction());
    }

    /** The cases that map (an {@code expected.json}); the others must fail with their {@code error.json}. */
    Stream<Path> mappedCases() {
        return cases().filter(dir -> Files.exists(dir.resolve("expected.json")));
    }

    @Test
    void every_case_either_maps_or_fails_never_both() {
        assertThat(cases()).isNotEmpty().allSatisfy(dir -> assertThat(
                Files.exists(dir.resolve("expected.json")) ^ Files.exists(dir.resolve("error.json")))
                .as("%s has exactly one of expected.json and error.json", dir.getFileName()).isTrue());
        assertThat(mappedCases()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void maps_the_request_as_the_golden_file_says(Path dir) throws IOException {
        byte[] input = Files.readAllBytes(dir.resolve("request.json"));
        if (GoldenCases.failsAsExpected(dir,
                () -> map(MessagesRequestReader.read(input), GoldenCases.settings(dir)))) {
            return;
        }
        GoldenJson.assertMatches(dir.resolve("expected.json"),
                ProxyJson.mapper().valueToTree(map(MessagesRequestReader.read(input), GoldenCases.settings(dir))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mappedCases")
    void upstream_request_satisfies_openai_spec(Path dir) {
        OpenApiSpec.assertValid(upstreamSchema(), GoldenJson.read(dir.resolve("expected.json")));
    }
}
