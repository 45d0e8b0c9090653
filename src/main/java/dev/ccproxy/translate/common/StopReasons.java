package dev.ccproxy.translate.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenAI {@code finish_reason} → Anthropic {@code stop_reason}. Only the spec's values ever leave the proxy:
 * {@code end_turn}, {@code max_tokens}, {@code stop_sequence}, {@code tool_use}, {@code refusal}.
 */
public final class StopReasons {

    public static final String END_TURN = "end_turn";
    public static final String MAX_TOKENS = "max_tokens";
    public static final String STOP_SEQUENCE = "stop_sequence";
    public static final String TOOL_USE = "tool_use";
    public static final String REFUSAL = "refusal";

    private static final Logger LOG = LoggerFactory.getLogger(StopReasons.class);

    private StopReasons() {
    }

    /**
     * @param finishReason      the upstream's reason, possibly null or provider-specific
     * @param emittedToolUse    whether the answer carries tool calls: then it is {@code tool_use} even when the
     *                          upstream said {@code stop}, or Claude Code would not run the tools
     * @param matchedStopSequence a requested stop sequence known to have ended the answer, or null
     */
    public static String fromChat(String finishReason, boolean emittedToolUse, String matchedStopSequence) {
        if (finishReason == null) {
            return emittedToolUse ? TOOL_USE : END_TURN;
        }
        return switch (finishReason) {
            case "length" -> MAX_TOKENS;
            case "content_filter" -> REFUSAL;
            case "tool_calls", "function_call" -> TOOL_USE;
            case "stop" -> emittedToolUse ? TOOL_USE : matchedStopSequence != null ? STOP_SEQUENCE : END_TURN;
            default -> {
                LOG.warn("Unknown finish_reason '{}' from the upstream; answering {}", finishReason,
                        emittedToolUse ? TOOL_USE : END_TURN);
                yield emittedToolUse ? TOOL_USE : END_TURN;
            }
        };
    }
}
