package dev.ccproxy.testsupport.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccproxy.testsupport.RawHttp;
import dev.ccproxy.testsupport.hostile.Targets.Endpoint;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * What every answer to a hostile request must be: there, whole and in time; never a 5xx; a 4xx where the request
 * cannot be valid and a 2xx where it must be; every error in Anthropic's envelope, with {@code x-should-retry} and
 * nothing of Java in it; a served Messages request a whole message or a stream that ends with {@code message_stop}.
 */
public final class HostileAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What would betray the proxy's insides: a stack trace, a class or package name. */
    private static final List<String> INTERNALS = List.of("Exception", "\tat ", "org.apache", "dev.ccproxy", "java.",
            "io.vertx", "io.netty", "com.fasterxml", "jakarta.");

    private HostileAnswers() {
    }

    /** The first thing wrong with {@code outcome} as the answer to {@code request}, if any. */
    public static Optional<String> problem(HostileRequest request, HostileWire.Outcome outcome) {
        Expectation expected = request.expectation();
        if (outcome.timedOut()) {
            return Optional.of("no whole answer in " + outcome.millis() + " ms; received: "
                    + excerpt(outcome.received()));
        }
        if (outcome.response() == null) {
            return expected == Expectation.ANSWERED_OR_CLOSED ? Optional.empty()
                    : Optional.of("the connection closed without an answer; received: " + excerpt(outcome.received()));
        }
        if (!outcome.whole()) {
            return Optional.of("the answer was cut off: " + excerpt(outcome.received()));
        }
        RawHttp.Response response = outcome.response();
        int status = response.status();
        if (status >= 500) {
            return Optional.of("status " + status + ": " + excerpt(response.body()));
        }
        boolean success = status >= 200 && status < 300;
        if (expected == Expectation.ACCEPTED && !success) {
            return Optional.of("a valid request got " + status + ": " + excerpt(response.body()));
        }
        if (expected == Expectation.REJECTED && success) {
            return Optional.of("an invalid request was served (" + status + "): " + excerpt(response.body()));
        }
        return success ? servedProblem(request, response) : errorProblem(response);
    }

    private static Optional<String> errorProblem(RawHttp.Response response) {
        String where = "error " + response.status() + " ";
        String type = response.header("content-type");
        if (type == null || !type.startsWith("application/json")) {
            return Optional.of(where + "with Content-Type " + type + ": " + excerpt(response.raw()));
        }
        if (response.header("x-should-retry") == null) {
            return Optional.of(where + "without x-should-retry: " + excerpt(response.raw()));
        }
        for (String internal : INTERNALS) {
            if (response.body().contains(internal)) {
                return Optional.of(where + "names the proxy's insides (" + internal + "): " + excerpt(response.body()));
            }
        }
        JsonNode body = json(response.body());
        boolean envelope = body != null && body.path("type").asText().equals("error")
                && body.path("error").path("type").isTextual() && !body.path("error").path("type").asText().isBlank()
                && body.path("error").path("message").isTextual()
                && !body.path("error").path("message").asText().isBlank();
        return envelope ? Optional.empty()
                : Optional.of(where + "is not Anthropic's error envelope: " + excerpt(response.body()));
    }

    private static Optional<String> servedProblem(HostileRequest request, RawHttp.Response response) {
        if (request.endpoint() == Endpoint.OTHER) {
            return Optional.empty();
        }
        String body = response.body();
        String type = String.valueOf(response.header("content-type"));
        if (type.startsWith("text/event-stream")) {
            return body.contains("event: error") || !body.contains("event: message_stop")
                    ? Optional.of("a stream that did not end well: " + excerpt(body)) : Optional.empty();
        }
        JsonNode answer = json(body);
        boolean whole = answer != null && (request.endpoint() == Endpoint.COUNT_TOKENS
                ? answer.path("input_tokens").isInt() : answer.path("type").asText().equals("message"));
        return whole ? Optional.empty() : Optional.of("a 2xx that is not the endpoint's answer: " + excerpt(body));
    }

    private static JsonNode json(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    static String excerpt(String text) {
        String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() > 400 ? oneLine.substring(0, 400) + "… (" + oneLine.length() + " chars)" : oneLine;
    }
}
