package dev.ccproxy.openai.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Token usage. {@code prompt_tokens} includes cached tokens; OpenAI reports those in
 * {@code prompt_tokens_details.cached_tokens}, DeepSeek in {@code prompt_cache_hit_tokens}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatUsage(Integer promptTokens, Integer completionTokens, Integer totalTokens,
        PromptTokensDetails promptTokensDetails, Integer promptCacheHitTokens) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PromptTokensDetails(Integer cachedTokens) {
    }

    public int cachedTokens() {
        if (promptTokensDetails != null && promptTokensDetails.cachedTokens() != null) {
            return promptTokensDetails.cachedTokens();
        }
        return promptCacheHitTokens == null ? 0 : promptCacheHitTokens;
    }
}
