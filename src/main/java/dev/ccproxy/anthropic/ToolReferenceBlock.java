package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Claude Code's tool search answers with these: "the tool named here is now loaded". */
@JsonIgnoreProperties(value = "type", ignoreUnknown = true)
public record ToolReferenceBlock(String toolName) implements ContentBlock {
}
