package dev.ccproxy.translate.chat;

import dev.ccproxy.anthropic.Usage;
import dev.ccproxy.openai.chat.ChatUsage;

/**
 * OpenAI usage → Anthropic usage. OpenAI's {@code prompt_tokens} includes cached tokens, Anthropic's
 * {@code input_tokens} does not (total input = input + cache creation + cache read), so cached tokens are moved to
 * {@code cache_read_input_tokens}. OpenAI-compatible caches are automatic, so nothing is ever reported as written.
 */
public final class ChatToAnthropicUsage {

    private ChatToAnthropicUsage() {
    }

    public static Usage of(ChatUsage usage) {
        if (usage == null) {
            return new Usage(0, 0, 0, 0, null);
        }
        int prompt = usage.promptTokens() == null ? 0 : usage.promptTokens();
        int cached = Math.min(usage.cachedTokens(), prompt);
        int output = usage.completionTokens() == null ? 0 : usage.completionTokens();
        return new Usage(prompt - cached, output, 0, cached, null);
    }
}
