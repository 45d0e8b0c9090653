package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Token usage. Input is net of cache: total input = input + cache creation + cache read.
 *
 * @param serverToolUse web searches run for this answer (web-search branch only)
 */
public record Usage(
        int inputTokens,
        int outputTokens,
        @JsonInclude(JsonInclude.Include.ALWAYS) Integer cacheCreationInputTokens,
        @JsonInclude(JsonInclude.Include.ALWAYS) Integer cacheReadInputTokens,
        ServerToolUsage serverToolUse) {

    public record ServerToolUsage(int webSearchRequests, int webFetchRequests) {
    }
}
