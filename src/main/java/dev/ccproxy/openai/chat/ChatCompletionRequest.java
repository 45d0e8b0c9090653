package dev.ccproxy.openai.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * {@code POST /chat/completions}: only the fields the proxy sets; absent ones are left to the upstream's defaults.
 *
 * @param toolChoice {@code "auto"}, {@code "required"}, {@code "none"} or {@code {"type":"function",…}}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(
        String model,
        List<ChatMessage> messages,
        Integer maxTokens,
        Integer maxCompletionTokens,
        Double temperature,
        Double topP,
        List<String> stop,
        Boolean stream,
        StreamOptions streamOptions,
        List<ChatTool> tools,
        JsonNode toolChoice,
        Boolean parallelToolCalls,
        String user) {

    public record StreamOptions(boolean includeUsage) {
    }
}
