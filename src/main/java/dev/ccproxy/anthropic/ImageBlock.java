package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

@JsonIgnoreProperties(value = "type", ignoreUnknown = true)
public record ImageBlock(MediaSource source) implements ContentBlock {
}
