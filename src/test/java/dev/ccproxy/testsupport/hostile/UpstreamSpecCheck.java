package dev.ccproxy.testsupport.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.networknt.schema.ValidationMessage;
import dev.ccproxy.testsupport.OpenApiSpec;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * A hostile request the proxy found valid went upstream: it must still be a request OpenAI's spec allows (what every
 * route test checks after each test, checked here after each case, so that the case is named).
 * The fuzzer once found four ways through (max_tokens below the Responses API's 16, temperature and top_p out of
 * range, a conversation of nothing but unknown blocks): the proxy now handles each, and none is excused.
 */
public final class UpstreamSpecCheck {

    /** A problem, or null when the requests are valid. */
    public record Verdict(String problem) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private UpstreamSpecCheck() {
    }

    public static Verdict check(List<ServeEvent> calls) {
        if (!OpenApiSpec.available()) {
            return new Verdict(null);
        }
        for (ServeEvent call : calls) {
            String path = call.getRequest().getUrl();
            String schema = path.contains("/chat/completions") ? OpenApiSpec.CHAT_REQUEST
                    : OpenApiSpec.RESPONSES_REQUEST;
            Set<ValidationMessage> errors = OpenApiSpec.validate(schema, read(call.getRequest().getBodyAsString()));
            if (!errors.isEmpty()) {
                return new Verdict("the upstream request breaks OpenAI's spec " + schema + ": "
                        + errors.stream().map(ValidationMessage::getMessage).toList());
            }
        }
        return new Verdict(null);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("the proxy sent upstream a body that is not JSON: " + body, e);
        }
    }
}
