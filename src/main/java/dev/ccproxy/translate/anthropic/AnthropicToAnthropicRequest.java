package dev.ccproxy.translate.anthropic;

import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.config.TokenLimits;
import dev.ccproxy.routing.OutputTokens;
import dev.ccproxy.translate.common.AnthropicToUpstreamRequest;
import dev.ccproxy.translate.common.TranslationContext;

/**
 * Anthropic request → an Anthropic-speaking upstream (Ollama, llama.cpp, vLLM, SGLang, DeepSeek, OpenRouter on
 * {@code /v1/messages}): the same request with the upstream model's name and {@code max_tokens} within what its
 * profile allows; the context edits the proxy applied are already in the history.
 */
public final class AnthropicToAnthropicRequest implements AnthropicToUpstreamRequest {

    private final TokenLimits tokenLimits;

    public AnthropicToAnthropicRequest(TokenLimits tokenLimits) {
        this.tokenLimits = tokenLimits;
    }

    @Override
    public MessagesRequest map(MessagesRequest request, TranslationContext context) {
        return new MessagesRequest(context.upstreamModel(), request.messages(), request.system(),
                OutputTokens.of(request, tokenLimits, context.target()), request.stream(), request.temperature(),
                request.topP(), request.topK(), request.stopSequences(), request.tools(), request.toolChoice(),
                request.metadata(), request.thinking(), request.outputConfig(), request.outputFormat(), null);
    }
}
