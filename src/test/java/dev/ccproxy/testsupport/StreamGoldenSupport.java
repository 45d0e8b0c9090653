package dev.ccproxy.testsupport;

import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.stream.StreamRelay;
import dev.ccproxy.translate.common.UpstreamToAnthropicStream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A recorded upstream stream → Anthropic events, one folder per case under {@code golden/<direction>}: the upstream's
 * stream (in the file format of the subclass), optionally {@code request.json} and {@code settings.properties}, and
 * {@code expected.events.txt} (one event a line: {@code <name> <json>}). The relay, the translator and the invariants
 * are the production ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StreamGoldenSupport {

    /** The folder under {@code golden/}. */
    protected abstract String direction();

    /** The client's request when the case has no {@code request.json}. */
    protected abstract String defaultRequest();

    /** The production translator for one stream, configured by the case's settings. */
    protected abstract UpstreamToAnthropicStream translator(MessagesRequest request, Properties settings);

    /** The case's recorded stream as the upstream sent it on the wire. */
    protected abstract byte[] upstreamSse(Path dir) throws IOException;

    /** Fails when a recorded upstream event does not satisfy OpenAI's spec (unless the case declares the quirk). */
    protected abstract void assertUpstreamSatisfiesSpec(Path dir) throws IOException;

    Stream<Path> cases() {
        return GoldenCases.of(direction());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void translates_the_stream_as_the_golden_file_says(Path dir) throws IOException {
        MessagesRequest request = GoldenCases.request(dir, defaultRequest());
        CollectingSink sink = new CollectingSink();
        StreamRelay relay = new StreamRelay(translator(request, GoldenCases.settings(dir)), sink);
        relay.begin();
        // in pieces of every size from 1 to 61 bytes, as a network delivers them: lines and UTF-8 characters split
        byte[] upstream = upstreamSse(dir);
        for (int at = 0, size = 1; at < upstream.length; at += size, size = size % 61 + 1) {
            relay.onBytes(upstream, at, Math.min(size, upstream.length - at));
        }
        relay.onEnd();
        StreamGolden.assertEvents(dir, sink.events());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void upstream_stream_satisfies_openai_spec(Path dir) throws IOException {
        assertUpstreamSatisfiesSpec(dir);
    }
}
