package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One Anthropic content block. Types the proxy does not know become {@link UnknownBlock}, so a new Claude Code block
 * type never fails a request.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true, defaultImpl = UnknownBlock.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = TextBlock.class, name = "text"),
        @JsonSubTypes.Type(value = ImageBlock.class, name = "image"),
        @JsonSubTypes.Type(value = DocumentBlock.class, name = "document"),
        @JsonSubTypes.Type(value = ToolUseBlock.class, name = "tool_use"),
        @JsonSubTypes.Type(value = ToolResultBlock.class, name = "tool_result"),
        @JsonSubTypes.Type(value = ThinkingBlock.class, name = "thinking"),
        @JsonSubTypes.Type(value = RedactedThinkingBlock.class, name = "redacted_thinking"),
        @JsonSubTypes.Type(value = ServerToolUseBlock.class, name = "server_tool_use"),
        @JsonSubTypes.Type(value = WebSearchToolResultBlock.class, name = "web_search_tool_result"),
        @JsonSubTypes.Type(value = SearchResultBlock.class, name = "search_result"),
        @JsonSubTypes.Type(value = ToolReferenceBlock.class, name = "tool_reference")
})
public sealed interface ContentBlock
        permits TextBlock, ImageBlock, DocumentBlock, ToolUseBlock, ToolResultBlock, ThinkingBlock,
        RedactedThinkingBlock, ServerToolUseBlock, WebSearchToolResultBlock, SearchResultBlock, ToolReferenceBlock,
        UnknownBlock {
}
