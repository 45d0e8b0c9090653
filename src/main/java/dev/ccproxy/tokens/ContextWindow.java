package dev.ccproxy.tokens;

import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.error.PromptTooLongException;

import java.util.OptionalInt;

/**
 * A request against its model's context window (the profile's {@code context-window}), counted the way
 * {@code count_tokens} counts, so that a conversation too long for the model is answered the way Anthropic answers it
 * ({@code prompt is too long: N tokens > M maximum}) and Claude Code compacts instead of failing the turn.
 */
public final class ContextWindow {

    private final RequestTokens tokens;

    public ContextWindow(RequestTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * Refuses a request above {@code window} before anything is sent upstream.
     *
     * @param window the most input tokens the model takes; null (unknown) checks nothing
     * @throws PromptTooLongException when the request's count is above it
     */
    public void check(MessagesRequest request, Integer window) {
        if (window == null) {
            return;
        }
        int prompt = tokens.count(request);
        if (prompt > window) {
            throw PromptTooLongException.of(prompt, window);
        }
    }

    /**
     * An upstream's overflow in Anthropic's words. The window is the one the upstream named, else the profile's; the
     * prompt's size the upstream's count, else the proxy's. Without any window the upstream's message stays (it
     * still starts with "prompt is too long").
     */
    public PromptTooLongException inAnthropicTerms(PromptTooLongException upstream, MessagesRequest request,
            Integer window) {
        OptionalInt limit = upstream.upstreamLimit().isPresent() ? upstream.upstreamLimit()
                : window == null ? OptionalInt.empty() : OptionalInt.of(window);
        if (limit.isEmpty()) {
            return upstream;
        }
        int prompt = upstream.upstreamPromptTokens().orElseGet(() -> tokens.count(request));
        // the upstream says the prompt is over: another tokenizer's count under the window would contradict it
        return PromptTooLongException.of(Math.max(prompt, limit.getAsInt() + 1), limit.getAsInt());
    }
}
