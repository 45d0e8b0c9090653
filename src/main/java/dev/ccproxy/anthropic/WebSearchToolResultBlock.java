package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** Results of a server-side web search: an array of {@code web_search_result}, or an error object. */
@JsonIgnoreProperties(value = "type", ignoreUnknown = true)
public record WebSearchToolResultBlock(String toolUseId, JsonNode content, Caller caller) implements ContentBlock {

    /** The result of a call the model made itself, as every call the proxy returns is. */
    public WebSearchToolResultBlock(String toolUseId, JsonNode content) {
        this(toolUseId, content, Caller.DIRECT);
    }
}
