package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

@JsonIgnoreProperties(value = "type", ignoreUnknown = true)
public record ToolUseBlock(String id, String name, JsonNode input) implements ContentBlock {
}
