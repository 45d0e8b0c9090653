package dev.ccproxy.translate.common;

/**
 * Anthropic's {@code stop_reason} values, the only ones that ever leave the proxy whatever the upstream said:
 * {@code end_turn}, {@code max_tokens}, {@code stop_sequence}, {@code tool_use}, {@code refusal}.
 */
public final class StopReasons {

    public static final String END_TURN = "end_turn";
    public static final String MAX_TOKENS = "max_tokens";
    public static final String STOP_SEQUENCE = "stop_sequence";
    public static final String TOOL_USE = "tool_use";
    public static final String REFUSAL = "refusal";

    private StopReasons() {
    }
}
