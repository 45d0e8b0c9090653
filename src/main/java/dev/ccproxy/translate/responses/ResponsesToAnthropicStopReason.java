package dev.ccproxy.translate.responses;

import dev.ccproxy.anthropic.Usage;
import dev.ccproxy.openai.responses.ResponsesResponse;
import dev.ccproxy.translate.common.StopReasons;

/**
 * How a Responses answer ended, and what it used, in Anthropic's terms: {@code tool_use} when it called functions,
 * {@code max_tokens} when cut at {@code max_output_tokens}, {@code refusal} for the content filter, else
 * {@code end_turn}; usage net of cached input, with the searches run as {@code server_tool_use}.
 */
public final class ResponsesToAnthropicStopReason {

    private ResponsesToAnthropicStopReason() {
    }

    public static String of(ResponsesResponse response, boolean functionCalls, boolean refused) {
        if (response != null && "incomplete".equals(response.status())) {
            String reason = response.incompleteDetails() == null ? null : response.incompleteDetails().reason();
            return "content_filter".equals(reason) ? StopReasons.REFUSAL : StopReasons.MAX_TOKENS;
        }
        if (refused) {
            return StopReasons.REFUSAL;
        }
        return functionCalls ? StopReasons.TOOL_USE : StopReasons.END_TURN;
    }

    public static Usage usage(ResponsesResponse.Usage usage, int webSearches) {
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
