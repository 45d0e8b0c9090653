package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** A non-streaming answer; {@code model} is the model the client asked for, not the upstream one. */
@JsonPropertyOrder({"id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage"})
public record MessagesResponse(
        String id,
        String type,
        String role,
        String model,
        List<ContentBlock> content,
        @JsonInclude(JsonInclude.Include.ALWAYS) String stopReason,
        @JsonInclude(JsonInclude.Include.ALWAYS) String stopSequence,
        Usage usage,
        JsonNode contextManagement) {

    public static MessagesResponse of(String id, String model, List<ContentBlock> content, String stopReason,
            String stopSequence, Usage usage) {
        return new MessagesResponse(id, "message", "assistant", model, List.copyOf(content), stopReason, stopSequence,
                usage, null);
    }

    /** With {@code context_management} (the context edits the proxy applied), when the request asked for any. */
    public MessagesResponse withContextManagement(JsonNode report) {
        return new MessagesResponse(id, type, role, model, content, stopReason, stopSequence, usage, report);
    }
}
