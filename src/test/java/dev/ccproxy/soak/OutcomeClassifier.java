package dev.ccproxy.soak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.bench.BenchmarkStub;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.AnthropicStreamInvariants;
import dev.ccproxy.testsupport.AnthropicStreamInvariants.WireEvent;

import java.io.IOException;
import java.util.List;

/**
 * Sorts the ending of each request into one {@link Outcome}, from its plan and what the client saw. Whole means
 * everything the upstream sent arrived: a whole message with the stub's text and {@code end_turn}, or a stream that
 * keeps every Anthropic stream rule ({@link AnthropicStreamInvariants}), carries every text delta the stub sent and
 * ends with {@code message_stop}. An injected fault may end whole (retried away) or as the Anthropic error it maps to
 * (an error envelope with its status, {@code request-id} and {@code x-should-retry}, or a stream's last
 * {@code event: error}); anything else, and any fault-free request that is not whole, is unexplained.
 */
final class OutcomeClassifier {

    enum Outcome { WHOLE, FAULT_RETRIED_AWAY, FAULT_SURFACED, CUT, UNEXPLAINED }

    /** An outcome, and for an unexplained one what was wrong. */
    record Verdict(Outcome outcome, String why) {
    }

    /** The text of the stub's whole answer, and of each delta it streams. */
    private static final String WHOLE_TEXT = json(BenchmarkStub.COMPLETION).at("/choices/0/message/content").asText();
    private static final String DELTA_TEXT = " token";

    private OutcomeClassifier() {
    }

    static Verdict classify(RequestPlan plan, Observed seen) {
        if (seen.failure() != null) {
            return unexplained("the client failed: " + seen.failure());
        }
        if (plan.cut()) {
            return seen.hungUp() ? new Verdict(Outcome.CUT, null)
                    : unexplained("answered before the planned hang-up: " + describe(seen));
        }
        String notWhole = plan.stream() ? notWholeStream(plan, seen) : notWholeMessage(seen);
        if (notWhole == null) {
            return new Verdict(plan.fault() == null ? Outcome.WHOLE : Outcome.FAULT_RETRIED_AWAY, null);
        }
        if (plan.fault() == null) {
            return unexplained(notWhole);
        }
        String notFault = seen.events() != null ? notFaultEvent(plan, seen) : notFaultEnvelope(plan.fault(), seen);
        return notFault == null ? new Verdict(Outcome.FAULT_SURFACED, null)
                : unexplained(plan.fault() + ": " + notFault + "; not whole either: " + notWhole);
    }

    static boolean isTextDelta(WireEvent event) {
        return event.name().equals("content_block_delta")
                && event.data().path("delta").path("type").asText().equals("text_delta");
    }

    private static String notWholeStream(RequestPlan plan, Observed seen) {
        if (seen.status() != 200 || seen.events() == null) {
            return "not a stream: " + describe(seen);
        }
        List<String> broken = AnthropicStreamInvariants.violations(seen.events());
        if (!broken.isEmpty()) {
            return "stream rules broken: " + broken;
        }
        if (!seen.events().getLast().name().equals("message_stop")) {
            return "the stream ended with " + describe(seen);
        }
        String text = text(seen.events());
        if (!text.equals(DELTA_TEXT.repeat(plan.deltas()))) {
            return "the stream carried " + text.length() + " characters of text, not " + plan.deltas() + " deltas";
        }
        return null;
    }

    private static String notWholeMessage(Observed seen) {
        JsonNode message = json(seen.body());
        if (seen.status() != 200 || message == null || !message.path("type").asText().equals("message")) {
            return "not a message: " + describe(seen);
        }
        if (!message.path("content").path(0).path("text").asText().equals(WHOLE_TEXT)
                || !message.path("stop_reason").asText().equals("end_turn")) {
            return "an incomplete message: " + seen.body();
        }
        return null;
    }

    /** A stream that began and then ended with the fault's error event, having sent only what the upstream did. */
    private static String notFaultEvent(RequestPlan plan, Observed seen) {
        if (seen.status() != 200 || !AnthropicStreamInvariants.violations(seen.events()).isEmpty()) {
            return "a broken stream";
        }
        WireEvent last = seen.events().getLast();
        if (!last.name().equals("error")) {
            return "the stream did not end with an error event";
        }
        if (!last.data().path("error").path("type").asText().equals(plan.fault().errorType())) {
            return "error event " + last.data() + ", expected " + plan.fault().errorType();
        }
        if (text(seen.events()).length() >= DELTA_TEXT.length() * plan.deltas()) {
            return "more text than the upstream sent before the fault";
        }
        return null;
    }

    /** Anthropic's error envelope with the fault's status and type, and the headers clients act on. */
    private static String notFaultEnvelope(UpstreamFault fault, Observed seen) {
        JsonNode envelope = json(seen.body());
        if (seen.status() != fault.status() || envelope == null || !envelope.path("type").asText().equals("error")
                || !envelope.path("error").path("type").asText().equals(fault.errorType())) {
            return "expected " + fault.status() + " " + fault.errorType() + ", got " + describe(seen);
        }
        if (seen.header("request-id") == null || seen.header("x-should-retry") == null) {
            return "an error without request-id or x-should-retry";
        }
        if (fault.status() == 429 && seen.header("retry-after") == null) {
            return "a 429 without retry-after";
        }
        return null;
    }

    private static String text(List<WireEvent> events) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(OutcomeClassifier::isTextDelta)
                .forEach(event -> text.append(event.data().path("delta").path("text").asText()));
        return text.toString();
    }

    private static JsonNode json(String body) {
        try {
            return body == null ? null : ProxyJson.mapper().readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String describe(Observed seen) {
        if (seen.events() != null) {
            return seen.status() + ", " + seen.events().size() + " events, the last "
                    + (seen.events().isEmpty() ? "none" : seen.events().getLast().name() + " "
                    + seen.events().getLast().data());
        }
        String body = seen.body() == null ? "" : seen.body();
        return seen.status() + " " + body.substring(0, Math.min(300, body.length()));
    }

    private static Verdict unexplained(String why) {
        return new Verdict(Outcome.UNEXPLAINED, why);
    }
}
