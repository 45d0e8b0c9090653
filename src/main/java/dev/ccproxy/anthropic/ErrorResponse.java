package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Anthropic's error envelope: {@code {"type":"error","error":{"type":…,"message":…},"request_id":…}}. */
@JsonPropertyOrder({"type", "error", "request_id"})
public record ErrorResponse(String type, Detail error, String requestId) {

    public record Detail(String type, String message) {
    }

    public static ErrorResponse of(String errorType, String message, String requestId) {
        return new ErrorResponse("error", new Detail(errorType, message), requestId);
    }
}
