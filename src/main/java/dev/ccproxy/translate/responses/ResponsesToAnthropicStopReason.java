package dev.ccproxy.translate.responses;

import dev.ccproxy.openai.responses.ResponsesResponse;
import dev.ccproxy.translate.common.StopReasons;

/**
 * How a Responses answer ended, in Anthropic's terms: {@code tool_use} when it called functions, {@code max_tokens}
 * when cut at {@code max_output_tokens}, {@code refusal} for the content filter, else {@code end_turn}.
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
}
