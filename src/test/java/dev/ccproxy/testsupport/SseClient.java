package dev.ccproxy.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Reads a proxy stream the way a client does, noting when each event arrived. */
public final class SseClient {

    /** An event and its arrival, in milliseconds after the request was sent. */
    public record Received(AnthropicStreamInvariants.WireEvent event, long atMillis) {
    }

    /** The response: status, headers, and the events read (all of them, or up to where reading stopped). */
    public record Result(HttpResponse<InputStream> response, List<Received> events) {

        public List<AnthropicStreamInvariants.WireEvent> wire() {
            return events.stream().map(Received::event).toList();
        }

        public List<Received> named(String name) {
            return events.stream().filter(received -> received.event().name().equals(name)).toList();
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private SseClient() {
    }

    public static Result stream(URI uri, String body) throws IOException, InterruptedException {
        return stream(uri, body, event -> false);
    }

    /** Streams until the end, or until {@code stopAfter} matches an event: then the connection is closed. */
    public static Result stream(URI uri, String body, Predicate<AnthropicStreamInvariants.WireEvent> stopAfter)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
        return new Result(response, read(response.body(), start, stopAfter));
    }

    /**
     * The events of an SSE body, each with its arrival in milliseconds after {@code startNanos}; to its end, or until
     * {@code stopAfter} matches an event. The body is closed either way (before its end: the connection is closed).
     */
    public static List<Received> read(InputStream body, long startNanos,
            Predicate<AnthropicStreamInvariants.WireEvent> stopAfter) throws IOException {
        List<Received> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = null;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    AnthropicStreamInvariants.WireEvent event = AnthropicStreamInvariants.WireEvent.of(name,
                            line.substring(6));
                    events.add(new Received(event, (System.nanoTime() - startNanos) / 1_000_000));
                    if (stopAfter.test(event)) {
                        break;
                    }
                }
            }
        }
        return events;
    }
}
