package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** Results of a server-side web search: an array of {@code web_search_result}, or an error object. */
@JsonIgnoreProperties(value = "type", ignoreUnknown = true)
public record WebSearchToolResultBlock(String toolUseId, JsonNode content) implements ContentBlock {
}
