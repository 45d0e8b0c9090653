package dev.ccproxy.translate.chat;

import dev.ccproxy.translate.common.StopReasons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chat Completions' {@code finish_reason} → Anthropic's {@code stop_reason}. */
public final class ChatToAnthropicStopReason {

    private static final Logger LOG = LoggerFactory.getLogger(ChatToAnthropicStopReason.class);

    private ChatToAnthropicStopReason() {
    }

    /**
     * @param finishReason      the upstream's reason, possibly null or provider-specific
     * @param emittedToolUse    whether the answer carries tool calls: then it is {@code tool_use} even when the
     *                          upstream said {@code stop}, or Claude Code would not run the tools
     * @param matchedStopSequence a requested stop sequence known to have ended the answer, or null
     */
    public static String of(String finishReason, boolean emittedToolUse, String matchedStopSequence) {
        if (finishReason == null) {
            return emittedToolUse ? StopReasons.TOOL_USE : StopReasons.END_TURN;
        }
        return switch (finishReason) {
            case "length" -> StopReasons.MAX_TOKENS;
            case "content_filter" -> StopReasons.REFUSAL;
            case "tool_calls", "function_call" -> StopReasons.TOOL_USE;
            case "stop" -> emittedToolUse ? StopReasons.TOOL_USE : matchedStopSequence != null ? StopReasons.STOP_SEQUENCE : StopReasons.END_TURN;
            default -> {
                LOG.warn("Unknown finish_reason '{}' from the upstream; answering {}", finishReason,
                        emittedToolUse ? StopReasons.TOOL_USE : StopReasons.END_TURN);
                yield emittedToolUse ? StopReasons.TOOL_USE : StopReasons.END_TURN;
            }
        };
    }
}
