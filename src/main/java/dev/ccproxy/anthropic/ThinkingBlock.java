package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

@JsonIgnoreProperties(value = "type", ignoreUnknown = true)
public record ThinkingBlock(String thinking, String signature) implements ContentBlock {
}
