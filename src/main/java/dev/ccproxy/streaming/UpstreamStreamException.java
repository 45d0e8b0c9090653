package dev.ccproxy.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.error.AnthropicErrorType;
import dev.ccproxy.error.ProxyException;

/** A failure the upstream reported, or caused, after the stream had begun. */
public final class UpstreamStreamException extends ProxyException {

    public UpstreamStreamException(AnthropicErrorType type, String message) {
        super(type, type.status(), message, null, null);
    }

    /** {@code {"error": {"message", "type", "code"}}} sent as a chunk. */
    static UpstreamStreamException fromErrorChunk(JsonNode error) {
        String message = error.isTextual() ? error.textValue() : error.path("message").asText("");
        String kind = (error.path("type").asText("") + " " + error.path("code").asText("")).toLowerCase(java.util.Locale.ROOT);
        AnthropicErrorType type = kind.contains("rate_limit") ? AnthropicErrorType.RATE_LIMIT
                : kind.contains("overload") || kind.contains("unavailable") ? AnthropicErrorType.OVERLOADED
                : kind.contains("timeout") ? AnthropicErrorType.TIMEOUT
                : AnthropicErrorType.API;
        return new UpstreamStreamException(type, "Upstream error during the stream: "
                + (message.isBlank() ? error.toString() : message));
    }
}
