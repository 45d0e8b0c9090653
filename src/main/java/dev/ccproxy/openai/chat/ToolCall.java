package dev.ccproxy.openai.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A function call in an assistant message; {@code index} is only set in stream chunks, where a call's parts arrive
 * spread over several chunks.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolCall(Integer index, String id, String type, FunctionCall function) {

    public static ToolCall function(String id, String name, String arguments) {
        return new ToolCall(null, id, "function", new FunctionCall(name, arguments));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FunctionCall(String name, String arguments) {
    }
}
