package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** A server tool call (web search) that Anthropic, or this proxy's web-search branch, ran itself. */
@JsonIgnoreProperties(value = "type", ignoreUnknown = true)
public record ServerToolUseBlock(String id, String name, JsonNode input, Caller caller) implements ContentBlock {

    /** A call the model made itself, as every call the proxy returns is. */
    public ServerToolUseBlock(String id, String name, JsonNode input) {
        this(id, name, input, Caller.DIRECT);
    }
}
