package dev.ccproxy.testsupport;

import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.json.ProxyJson;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;


/**
 * Upstream answer → Anthropic message, one folder per case under {@code golden/<direction>}: {@code upstream.json}
 * (the upstream's answer, valid per OpenAI's spec except for the paths a {@code provider-quirk.json} names),
 * {@code request.json} (the client's request, for the model, tool names and stop sequences; a default when absent),
 * {@code expected.json} or {@code error.json}, and optionally {@code settings.properties}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AnswerGoldenSupport {

    /** The folder under {@code golden/}. */
    protected abstract String direction();

    /** The client's request when the case has no {@code request.json}. */
    protected abstract String defaultRequest();

    /** The schema in OpenAI's spec the upstream answer must satisfy. */
    protected abstract String upstreamSchema();

    /** The production mapping of the answer in {@code upstreamJson}. */
    protected abstract Object map(Path upstreamJson, MessagesRequest request, Properties settings) throws IOException;

    Stream<Path> cases() {
        return GoldenCases.of(direction());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void maps_the_answer_as_the_golden_file_says(Path dir) throws IOException {
        if (GoldenCases.failsAsExpected(dir, () -> map(dir))) {
            return;
        }
        GoldenJson.assertMatches(dir.resolve("expected.json"), ProxyJson.mapper().valueToTree(map(dir)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void upstream_fixture_satisfies_openai_spec(Path dir) {
        // provider extensions (reasoning_content, vLLM's stop_reason, …) are extra fields, which the spec allows;
        // a provider that breaks the spec itself is named in provider-quirk.json with the paths it breaks
        OpenApiSpec.assertValidExcept(upstreamSchema(), GoldenJson.read(dir.resolve("upstream.json")),
                GoldenCases.quirkPaths(dir));
    }

    private Object map(Path dir) throws IOException {
        return map(dir.resolve("upstream.json"), GoldenCases.request(dir, defaultRequest()), GoldenCases.settings(dir));
    }
}
