package dev.ccproxy.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.json.ProxyJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Responses API event streams as OpenAI sends them ({@code event: <type>} then {@code data: <json>}), built from a
 * golden case's {@code upstream.events.txt} (one event's JSON a line) or from events written in a test.
 */
public final class ResponsesSse {

    private ResponsesSse() {
    }

    /** The recorded events of {@code golden/stream-responses/<goldenCase>}, one JSON a line. */
    public static List<String> goldenEvents(String goldenCase) {
        return events(GoldenCases.ROOT.resolve("stream-responses").resolve(goldenCase));
    }

    /** The events of a golden case folder's {@code upstream.events.txt}. */
    public static List<String> events(Path goldenDir) {
        try {
            return Files.readAllLines(goldenDir.resolve("upstream.events.txt")).stream()
                    .filter(line -> !line.isBlank()).map(String::trim).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole stream of a golden case as one SSE body. */
    public static String body(String goldenCase) {
        return body(goldenEvents(goldenCase));
    }

    /** The events as one SSE body. */
    public static String body(List<String> events) {
        StringBuilder sse = new StringBuilder();
        events.forEach(event -> sse.append(frame(event)));
        return sse.toString();
    }

    /** The events {@code gap} apart, for a {@link ScriptedUpstream}. */
    public static ScriptedUpstream.Sse steps(Duration gap, List<String> events) {
        List<ScriptedUpstream.Step> steps = new ArrayList<>();
        for (String event : events) {
            steps.add(new ScriptedUpstream.Step(gap, frame(event)));
        }
        return new ScriptedUpstream.Sse(steps);
    }

    /** One event: its {@code type} is also the SSE event name, as OpenAI sends it. */
    public static String frame(String eventJson) {
        return "event: " + type(eventJson) + "\ndata: " + eventJson + "\n\n";
    }

    private static String type(String eventJson) {
        try {
            JsonNode event = ProxyJson.mapper().readTree(eventJson);
            return event.path("type").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
