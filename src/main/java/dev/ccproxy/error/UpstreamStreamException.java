package dev.ccproxy.error;

import com.fasterxml.jackson.databind.JsonNode;

/** A failure the upstream reported, or caused, after the stream had begun. */
public final class UpstreamStreamException extends ProxyException {

    public UpstreamStreamException(AnthropicErrorType type, String message) {
        super(type, type.status(), message, null, null);
    }

    /** {@code {"error": {"message", "type", "code"}}} sent as a chunk. */
    public static UpstreamStreamException fromErrorChunk(JsonNode error) {
        String message = error.isTextual() ? error.textValue() : error.path("message").asText("");
        return of(error.path("type").asText("") + " " + error.path("code").asText(""),
                message.isBlank() ? error.toString() : message);
    }

    /** A Responses {@code error} event: {@code code} and {@code message}. */
    public static UpstreamStreamException fromErrorEvent(String code, String message) {
        return of(code == null ? "" : code, message == null || message.isBlank() ? "no message" : message);
    }

    /** The error type from the kind the upstream names ({@code rate_limit_exceeded}, {@code server_error}, …). */
    private static UpstreamStreamException of(String kind, String message) {
        String lower = kind.toLowerCase(java.util.Locale.ROOT);
        AnthropicErrorType type = lower.contains("rate_limit") ? AnthropicErrorType.RATE_LIMIT
                : lower.contains("overload") || lower.contains("unavailable") ? AnthropicErrorType.OVERLOADED
                : lower.contains("timeout") ? AnthropicErrorType.TIMEOUT
                : AnthropicErrorType.API;
        return new UpstreamStreamException(type, "Upstream error during the stream: " + message);
    }
}
