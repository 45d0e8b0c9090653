package dev.ccproxy.soak;

import dev.ccproxy.testsupport.AnthropicStreamInvariants.WireEvent;
import dev.ccproxy.testsupport.SseClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The soak's client: sends one {@link RequestPlan} to the proxy's {@code /v1/messages} and reports what came back,
 * hanging up where the plan says. One JDK HTTP client (HTTP/1.1, keep-alive) serves all the loops; each call blocks
 * its (virtual) thread. Closing a stream's body before its end, or cancelling a call still waiting for its answer,
 * closes that connection: the proxy sees its client leave.
 */
final class SoakClient implements AutoCloseable {

    /** A request without its status line by then is lost: every timeout the soak gives the proxy is far shorter. */
    private static final Duration NO_ANSWER = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI messages;

    SoakClient(int proxyPort) {
        this.messages = URI.create("http://127.0.0.1:" + proxyPort + "/v1/messages");
    }

    Observed send(RequestPlan plan, long id) {
        HttpRequest request = HttpRequest.newBuilder(messages).header("Content-Type", "application/json")
                .timeout(NO_ANSWER).POST(HttpRequest.BodyPublishers.ofString(plan.body(id))).build();
        try {
            return plan.cutAfterMillis() > 0 ? hangUpWhileWaiting(request, plan.cutAfterMillis())
                    : exchange(request, plan.cutAfterDeltas());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Observed.failed("interrupted: the answer never ended");
        } catch (IOException | RuntimeException | AssertionError failure) {
            // AssertionError: an event whose data is not JSON
            return Observed.failed(failure.toString());
        }
    }

    /** The whole exchange, or a stream up to its {@code hangUpAfter}-th text delta (0: to its end). */
    private Observed exchange(HttpRequest request, int hangUpAfter) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            try (InputStream body = response.body()) {
                return new Observed(response.statusCode(), response.headers(),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8), null, false, null);
            }
        }
        int[] textDeltas = {0};
        Predicate<WireEvent> hangUp = event -> hangUpAfter > 0 && OutcomeClassifier.isTextDelta(event)
                && ++textDeltas[0] == hangUpAfter;
        List<WireEvent> events = SseClient.read(response.body(), start, hangUp).stream()
                .map(SseClient.Received::event).toList();
        return new Observed(response.statusCode(), response.headers(), null, events,
                hangUpAfter > 0 && textDeltas[0] == hangUpAfter, null);
    }

    /** Sends, and cancels the call if no answer came within {@code afterMillis}: the client gives up waiting. */
    private Observed hangUpWhileWaiting(HttpRequest request, long afterMillis) throws InterruptedException {
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofString());
        try {
            HttpResponse<String> early = answer.get(afterMillis, TimeUnit.MILLISECONDS);
            return new Observed(early.statusCode(), early.headers(), early.body(), null, false, null);
        } catch (TimeoutException planned) {
            answer.cancel(true);
            return Observed.hungUpWaiting();
        } catch (ExecutionException failed) {
            return Observed.failed(failed.getCause().toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        http.shutdownNow();
        http.awaitTermination(Duration.ofSeconds(10));
    }
}
