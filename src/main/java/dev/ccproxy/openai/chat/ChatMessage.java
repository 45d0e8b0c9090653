package dev.ccproxy.openai.chat;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One request message: system, user, assistant (text and/or tool calls) or tool (a tool call's result).
 *
 * @param reasoningContent an assistant turn's earlier reasoning, for providers that need it back (DeepSeek)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(String role, ChatContent content, String reasoningContent, List<ToolCall> toolCalls,
        String toolCallId) {

    public static ChatMessage system(String text) {
        return new ChatMessage("system", ChatContent.text(text), null, null, null);
    }

    public static ChatMessage user(ChatContent content) {
        return new ChatMessage("user", content, null, null, null);
    }

    public static ChatMessage assistant(String text, List<ToolCall> toolCalls) {
        return assistant(text, null, toolCalls);
    }

    public static ChatMessage assistant(String text, String reasoningContent, List<ToolCall> toolCalls) {
        return new ChatMessage("assistant", text == null ? null : ChatContent.text(text), reasoningContent,
                toolCalls == null || toolCalls.isEmpty() ? null : List.copyOf(toolCalls), null);
    }

    public static ChatMessage tool(String toolCallId, String text) {
        return new ChatMessage("tool", ChatContent.text(text), null, null, toolCallId);
    }
}
