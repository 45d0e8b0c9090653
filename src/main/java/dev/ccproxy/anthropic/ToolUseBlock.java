package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

@JsonIgnoreProperties(value = "type", ignoreUnknown = true)
public record ToolUseBlock(String id, String name, JsonNode input, Caller caller) implements ContentBlock {

    /** A call the model made itself, as every call the proxy returns is. */
    public ToolUseBlock(String id, String name, JsonNode input) {
        this(id, name, input, Caller.DIRECT);
    }
}
