package dev.ccproxy.translate.responses;

import dev.ccproxy.anthropic.Usage;
import dev.ccproxy.openai.responses.ResponsesResponse;

/**
 * Responses usage → Anthropic usage: net of cached input (Anthropic's {@code input_tokens} excludes what was read from
 * the cache), with the searches run as {@code server_tool_use}.
 */
public final class ResponsesToAnthropicUsage {

    private ResponsesToAnthropicUsage() {
    }

    public static Usage of(ResponsesResponse.Usage usage, int webSearches) {
        Usage.ServerToolUsage searches = webSearches > 0 ? new Usage.ServerToolUsage(webSearches, 0) : null;
        if (usage == null) {
            return new Usage(0, 0, 0, 0, searches);
        }
        int input = usage.inputTokens() == null ? 0 : usage.inputTokens();
        int cached = Math.min(usage.cachedTokens(), input);
        int output = usage.outputTokens() == null ? 0 : usage.outputTokens();
        return new Usage(input - cached, output, 0, cached, searches);
    }
}
