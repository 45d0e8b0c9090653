package dev.ccproxy.testsupport.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.networknt.schema.ValidationMessage;
import dev.ccproxy.testsupport.OpenApiSpec;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A hostile request the proxy found valid went upstream: it must still be a request OpenAI's spec allows (what every
 * route test checks after each test, checked here after each case, so that the case is named).
 *
 * <p>Known gaps, found by the fuzzer and left to their owners (they are translation choices, not failures: a real
 * provider answers them 400, which reaches the client as Anthropic's 400), each excused only at its own field and
 * only for the schema keyword it breaks, and counted in the run's report.
 */
public final class UpstreamSpecCheck {

    /** The field's location in the upstream request → the keywords it breaks, and what the gap is. */
    private static final Map<String, Deviation> KNOWN = Map.of(
            "/max_output_tokens", new Deviation(Set.of("minimum"),
                    "max_tokens below 16 goes to the Responses API as it is (its minimum is 16)"),
            "/temperature", new Deviation(Set.of("minimum", "maximum"),
                    "a temperature outside 0-2 goes upstream as it is"),
            "/top_p", new Deviation(Set.of("minimum", "maximum"), "a top_p outside 0-1 goes upstream as it is"),
            "/messages", new Deviation(Set.of("minItems"),
                    "a conversation of nothing but unknown blocks goes upstream as messages: []"));

    private record Deviation(Set<String> keywords, String gap) {
    }

    /** A problem, or the known gaps it falls in (both empty: the requests are valid). */
    public record Verdict(String problem, Set<String> knownGaps) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private UpstreamSpecCheck() {
    }

    public static Verdict check(List<ServeEvent> calls) {
        if (!OpenApiSpec.available()) {
            return new Verdict(null, Set.of());
        }
        Set<String> gaps = new TreeSet<>();
        for (ServeEvent call : calls) {
            String path = call.getRequest().getUrl();
            String schema = path.contains("/chat/completions") ? OpenApiSpec.CHAT_REQUEST
                    : OpenApiSpec.RESPONSES_REQUEST;
            Set<ValidationMessage> errors = OpenApiSpec.validate(schema, read(call.getRequest().getBodyAsString()));
            Map<String, List<ValidationMessage>> byLocation = errors.stream()
                    .collect(Collectors.groupingBy(error -> error.getInstanceLocation().toString()));
            for (Map.Entry<String, List<ValidationMessage>> at : byLocation.entrySet()) {
                Deviation known = KNOWN.get(at.getKey());
                boolean excused = known != null
                        && at.getValue().stream().anyMatch(error -> known.keywords().contains(error.getType()));
                if (!excused) {
                    return new Verdict("the upstream request breaks OpenAI's spec " + schema + ": "
                            + at.getValue().stream().map(ValidationMessage::getMessage).toList(), Set.of());
                }
                gaps.add("upstream request outside OpenAI's spec: " + known.gap());
            }
        }
        return new Verdict(null, gaps);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("the proxy sent upstream a body that is not JSON: " + body, e);
        }
    }
}
