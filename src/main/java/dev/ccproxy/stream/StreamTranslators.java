package dev.ccproxy.stream;

import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.config.UpstreamApi;
import dev.ccproxy.tokens.RequestTokens;
import dev.ccproxy.translate.anthropic.AnthropicRelayStream;
import dev.ccproxy.translate.chat.ChatToAnthropicStream;
import dev.ccproxy.translate.common.TranslationContext;
import dev.ccproxy.translate.common.UpstreamToAnthropicStream;
import dev.ccproxy.translate.responses.ResponsesToAnthropicStream;

/**
 * Makes the translator for one stream, for the upstream API that serves it (a translator holds its stream's state).
 * Each starts with the request's input tokens counted as {@code count_tokens} counts them (the same cache), which
 * {@code message_start} reports until the upstream's own count arrives.
 */
public final class StreamTranslators {

    private final boolean bufferToolCalls;
    private final RequestTokens inputTokens;

    /** @param bufferToolCalls send each Chat Completions tool call whole at the end instead of as it streams */
    public StreamTranslators(boolean bufferToolCalls, RequestTokens inputTokens) {
        this.bufferToolCalls = bufferToolCalls;
        this.inputTokens = inputTokens;
    }

    public UpstreamToAnthropicStream create(UpstreamApi api, MessagesRequest request, TranslationContext context) {
        if (api == UpstreamApi.ANTHROPIC) {
            return new AnthropicRelayStream(context);
        }
        int input = inputTokens.count(request);
        return api == UpstreamApi.RESPONSES ? new ResponsesToAnthropicStream(context, input)
                : new ChatToAnthropicStream(context, bufferToolCalls, input);
    }
}
