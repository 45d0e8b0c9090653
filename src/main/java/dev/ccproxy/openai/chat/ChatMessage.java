package dev.ccproxy.openai.chat;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** One request message: system, user, assistant (text and/or tool calls) or tool (a tool call's result). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(String role, ChatContent content, List<ToolCall> toolCalls, String toolCallId) {

    public static ChatMessage system(String text) {
        return new ChatMessage("system", ChatContent.text(text), null, null);
    }

    public static ChatMessage user(ChatContent content) {
        return new ChatMessage("user", content, null, null);
    }

    public static ChatMessage assistant(String text, List<ToolCall> toolCalls) {
        return new ChatMessage("assistant", text == null ? null : ChatContent.text(text),
                toolCalls == null || toolCalls.isEmpty() ? null : List.copyOf(toolCalls), null);
    }

    public static ChatMessage tool(String toolCallId, String text) {
        return new ChatMessage("tool", ChatContent.text(text), null, toolCallId);
    }
}
