package dev.ccproxy.config;

import java.util.Locale;

/** The OpenAI API a request goes to: Chat Completions ({@code /chat/completions}) or the Responses API. */
public enum UpstreamApi {
    CHAT, RESPONSES,
    /** Anthropic's own Messages API ({@code /v1/messages}), which Ollama, llama.cpp, vLLM, SGLang and others serve. */
    ANTHROPIC;

    /** {@code chat}, {@code responses} or {@code anthropic}: as settings spell it, and as logs and metrics label it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code chat} or {@code responses}; null stays null (unset). */
    static UpstreamApi parse(String key, String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "chat" -> CHAT;
            case "responses" -> RESPONSES;
            case "anthropic" -> ANTHROPIC;
            default -> throw new IllegalStateException("Setting " + key + " must be chat, responses or anthropic, got: " + value);
        };
    }
}
