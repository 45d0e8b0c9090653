package dev.ccproxy.error;

import java.util.OptionalInt;

/**
 * The request does not fit the model's context window: 400 {@code invalid_request_error} in Anthropic's own words,
 * {@code prompt is too long: N tokens > M maximum}, which is what makes Claude Code compact its conversation instead
 * of failing the turn.
 */
public final class PromptTooLongException extends ProxyException {

    private final transient OptionalInt upstreamLimit;
    private final transient OptionalInt upstreamPromptTokens;

    private PromptTooLongException(String message, OptionalInt upstreamLimit, OptionalInt upstreamPromptTokens) {
        super(AnthropicErrorType.INVALID_REQUEST, 400, message, null, null);
        this.upstreamLimit = upstreamLimit;
        this.upstreamPromptTokens = upstreamPromptTokens;
    }

    /** Anthropic's message: {@code prompt} tokens against a window of {@code maximum}. */
    public static PromptTooLongException of(int prompt, int maximum) {
        return new PromptTooLongException("prompt is too long: " + prompt + " tokens > " + maximum + " maximum",
                OptionalInt.of(maximum), OptionalInt.of(prompt));
    }

    /** What an upstream said of its window, before the proxy puts it in Anthropic's words. */
    static PromptTooLongException fromUpstream(String upstreamMessage, OptionalInt limit, OptionalInt promptTokens) {
        return new PromptTooLongException("prompt is too long for the upstream model's context window: "
                + upstreamMessage, limit, promptTokens);
    }

    /** The window the upstream named in its error, if it named one. */
    public OptionalInt upstreamLimit() {
        return upstreamLimit;
    }

    /** The prompt's size as the upstream counted it, if it said. */
    public OptionalInt upstreamPromptTokens() {
        return upstreamPromptTokens;
    }
}
