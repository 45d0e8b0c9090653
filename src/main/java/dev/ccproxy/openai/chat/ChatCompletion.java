package dev.ccproxy.openai.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** A non-streaming {@code chat.completion}, with the non-standard fields common providers add. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletion(String id, String model, List<Choice> choices, ChatUsage usage) {

    /**
     * @param stopReason  vLLM: the stop string (or token id) that ended the answer
     * @param matchedStop SGLang: the same
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(Integer index, ResponseMessage message, String finishReason, JsonNode stopReason,
            JsonNode matchedStop) {
    }

    /**
     * @param content          a string; a few providers send an array of parts instead
     * @param reasoningContent DeepSeek, vLLM and SGLang put the model's reasoning here
     * @param reasoning        OpenRouter and Ollama put it here
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ResponseMessage(String role, JsonNode content, String refusal, List<ToolCall> toolCalls,
            ToolCall.FunctionCall functionCall, String reasoningContent, String reasoning) {
    }
}
