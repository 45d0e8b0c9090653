package dev.ccproxy.config;

/**
 * What an upstream model accepts, so that no provider sees a request it refuses. Every field may be unset (null) in a
 * profile rule; {@link ModelProfiles} merges the rules that match a model, field by field, over {@link #DEFAULTS}.
 *
 * @param maxOutputTokens   the most output tokens the model may be asked for; {@code max_tokens} is clamped to it
 * @param tokenParameter    {@code max_tokens} or {@code max_completion_tokens} (OpenAI's reasoning models)
 * @param sampling          whether {@code temperature} and {@code top_p} are accepted (reasoning models refuse them)
 * @param vision            whether images can be sent; otherwise each becomes a short note
 * @param reasoning         how a reasoning effort or the thinking switch is sent (Chat Completions; on the Responses
 *                          API any style but {@code none} means {@code reasoning.effort})
 * @param reasoningHistory  send earlier thinking back as {@code reasoning_content} (DeepSeek requires it after tool
 *                          calls)
 * @param schemaDialect     {@code strict} providers (Gemini) get tool schemas without the keywords they reject
 * @param toolNameMaxLength the longest function name accepted
 * @param api               the API this model is served on, when it is not the provider's
 * @param contextWindow     the most input tokens the model takes (its whole window less what it keeps for output,
 *                          where the provider says so); null when unknown. A request the proxy counts above it is
 *                          answered with Anthropic's "prompt is too long" without calling the upstream
 * @param promptCacheKey    whether the session goes upstream as {@code prompt_cache_key} (hashed)
 * @param safetyIdentifier  whether the user goes upstream as {@code safety_identifier} (hashed)
 */
public record ModelProfile(Integer maxOutputTokens, TokenParameter tokenParameter, Boolean sampling, Boolean vision,
        ReasoningStyle reasoning, Boolean reasoningHistory, SchemaDialect schemaDialect, Integer toolNameMaxLength,
        UpstreamApi api, Integer contextWindow, Boolean promptCacheKey, Boolean safetyIdentifier) {

    public enum TokenParameter { MAX_TOKENS, MAX_COMPLETION_TOKENS }

    public enum ReasoningStyle {
        /** Nothing is sent. */
        NONE,
        /** {@code reasoning_effort: low|medium|high} (OpenAI, Gemini, Ollama, xAI, Groq). */
        REASONING_EFFORT,
        /** {@code reasoning: {effort}} (OpenRouter). */
        REASONING_OBJECT,
        /** {@code thinking: {type: enabled|disabled}} and {@code reasoning_effort} (DeepSeek, GLM). */
        THINKING_OBJECT,
        /** {@code chat_template_kwargs: {enable_thinking}} (Qwen3 and others on vLLM or SGLang). */
        CHAT_TEMPLATE
    }

    public enum SchemaDialect { STANDARD, STRICT }

    /** What a model gets when no rule says otherwise: no clamp, everything accepted, nothing about reasoning sent. */
    public static final ModelProfile DEFAULTS = new ModelProfile(null, TokenParameter.MAX_TOKENS, true, true,
            ReasoningStyle.NONE, false, SchemaDialect.STANDARD, 64, null, null, true, true);

    public static final ModelProfile EMPTY = new ModelProfile(null, null, null, null, null, null, null, null, null,
            null, null, null);

    /** This profile's fields, and {@code fallback}'s where this one has none. */
    public ModelProfile over(ModelProfile fallback) {
        return new ModelProfile(
                maxOutputTokens != null ? maxOutputTokens : fallback.maxOutputTokens,
                tokenParameter != null ? tokenParameter : fallback.tokenParameter,
                sampling != null ? sampling : fallback.sampling,
                vision != null ? vision : fallback.vision,
                reasoning != null ? reasoning : fallback.reasoning,
                reasoningHistory != null ? reasoningHistory : fallback.reasoningHistory,
                schemaDialect != null ? schemaDialect : fallback.schemaDialect,
                toolNameMaxLength != null ? toolNameMaxLength : fallback.toolNameMaxLength,
                api != null ? api : fallback.api,
                contextWindow != null ? contextWindow : fallback.contextWindow,
                promptCacheKey != null ? promptCacheKey : fallback.promptCacheKey,
                safetyIdentifier != null ? safetyIdentifier : fallback.safetyIdentifier);
    }

    public boolean completionTokens() {
        return tokenParameter == TokenParameter.MAX_COMPLETION_TOKENS;
    }

    /** The client's {@code max_tokens}, clamped to what the model allows. */
    public int clampOutputTokens(int requested) {
        return maxOutputTokens == null ? requested : Math.min(requested, maxOutputTokens);
    }
}
