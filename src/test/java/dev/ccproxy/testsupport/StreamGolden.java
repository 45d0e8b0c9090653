package dev.ccproxy.testsupport;

import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.AnthropicStreamInvariants.WireEvent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Golden files of streams: {@code expected.events.txt} holds one Anthropic event a line ({@code <name> <json>}); the
 * JSON is compared like {@link GoldenJson} (generated ids as {@code "<re:…>"}). Every stream is also held to
 * {@link AnthropicStreamInvariants}.
 */
public final class StreamGolden {

    private StreamGolden() {
    }

    public static void assertEvents(Path dir, List<WireEvent> events) throws IOException {
        AnthropicStreamInvariants.assertValid(events);
        Path expectedFile = dir.resolve("expected.events.txt");
        List<String> actual = events.stream().map(event -> event.name() + " " + event.data()).toList();
        if (GoldenJson.UPDATE || !Files.exists(expectedFile)) {
            Files.writeString(expectedFile, String.join("\n", actual).replaceAll(
                    "\"(msg|toolu|srvtoolu)_[0-9A-Za-z]{24}\"", "\"<re:$1_[0-9A-Za-z]{24}>\"") + "\n");
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
}
