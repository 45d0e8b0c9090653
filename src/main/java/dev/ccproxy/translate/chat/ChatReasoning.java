package dev.ccproxy.translate.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.config.ModelProfile.ReasoningStyle;
import dev.ccproxy.translate.common.ReasoningEffort;

/**
 * Anthropic's {@code thinking} and {@code output_config.effort} in the reasoning parameters of the upstream model's
 * style (its profile's). Thinking that the client switched off is never sent together with an effort: Claude Code's
 * sub-agents send {@code thinking: disabled} with an effort, which DeepSeek refuses.
 *
 * @param reasoningEffort    {@code reasoning_effort} (OpenAI, Gemini, Ollama; DeepSeek next to {@code thinking})
 * @param reasoning          {@code reasoning: {effort}} (OpenRouter)
 * @param thinking           {@code thinking: {type}} (DeepSeek, GLM)
 * @param chatTemplateKwargs {@code chat_template_kwargs: {enable_thinking}} (vLLM, SGLang)
 */
record ChatReasoning(String reasoningEffort, JsonNode reasoning, JsonNode thinking, JsonNode chatTemplateKwargs) {

    static final ChatReasoning NONE = new ChatReasoning(null, null, null, null);

    static ChatReasoning of(MessagesRequest request, ReasoningStyle style) {
        if (style == null || style == ReasoningStyle.NONE) {
            return NONE;
        }
        boolean disabled = ReasoningEffort.thinkingDisabled(request);
        String effort = disabled ? null : ReasoningEffort.of(request);
        boolean wanted = ReasoningEffort.thinkingWanted(request);
        JsonNodeFactory json = JsonNodeFactory.instance;
        return switch (style) {
            case REASONING_EFFORT -> effort == null ? NONE : new ChatReasoning(effort, null, null, null);
            case REASONING_OBJECT -> effort == null ? NONE
                    : new ChatReasoning(null, json.objectNode().put("effort", effort), null, null);
            case THINKING_OBJECT -> {
                if (disabled) {
                    yield new ChatReasoning(null, null, json.objectNode().put("type", "disabled"), null);
                }
                if (!wanted) {
                    yield effort == null ? NONE : new ChatReasoning(effort, null, null, null);
                }
                yield new ChatReasoning(effort, null, json.objectNode().put("type", "enabled"), null);
            }
            case CHAT_TEMPLATE -> {
                if (!disabled && !wanted) {
                    yield NONE;
                }
                ObjectNode kwargs = json.objectNode().put("enable_thinking", !disabled);
                yield new ChatReasoning(null, null, null, kwargs);
            }
            case NONE -> NONE;
        };
    }
}
