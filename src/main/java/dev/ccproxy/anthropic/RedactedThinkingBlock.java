package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

@JsonIgnoreProperties(value = "type", ignoreUnknown = true)
public record RedactedThinkingBlock(String data) implements ContentBlock {
}
