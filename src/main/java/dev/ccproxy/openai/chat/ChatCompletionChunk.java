package dev.ccproxy.openai.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One {@code chat.completion.chunk} of a stream. With {@code stream_options.include_usage} the last chunk carries
 * {@code usage} and no choices. Some providers send {@code {"error": …}} as a chunk when they fail mid-stream.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletionChunk(String id, String model, List<Choice> choices, ChatUsage usage, JsonNode error) {

    /**
     * @param stopReason  vLLM: the stop string that ended the answer (with the finish reason)
     * @param matchedStop SGLang: the same
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(Integer index, Delta delta, String finishReason, JsonNode stopReason, JsonNode matchedStop) {
    }

    /** A piece of the answer: text, reasoning (DeepSeek/vLLM: reasoning_content; OpenRouter/Ollama: reasoning), tools. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Delta(String role, String content, String refusal, String reasoningContent, String reasoning,
            List<ToolCall> toolCalls) {
    }
}
