package dev.ccproxy.openai.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * {@code POST /chat/completions}: only the fields the proxy sets; absent ones are left to the upstream's defaults.
 *
 * @param toolChoice         {@code "auto"}, {@code "required"}, {@code "none"} or {@code {"type":"function",…}}
 * @param reasoningEffort    OpenAI's effort; DeepSeek's too, next to {@code thinking}
 * @param reasoning          OpenRouter's {@code {effort}}
 * @param thinking           DeepSeek's and GLM's {@code {type: enabled|disabled}} (not in OpenAI's spec)
 * @param chatTemplateKwargs vLLM's and SGLang's {@code {enable_thinking}} (not in OpenAI's spec)
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
        JsonNode responseFormat,
        String promptCacheKey,
        String safetyIdentifier,
        String reasoningEffort,
        JsonNode reasoning,
        JsonNode thinking,
        JsonNode chatTemplateKwargs) {

    public record StreamOptions(boolean includeUsage) {
    }
}
