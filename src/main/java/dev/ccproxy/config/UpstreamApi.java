package dev.ccproxy.config;

import java.util.Locale;

/** The OpenAI API a request goes to: Chat Completions ({@code /chat/completions}) or the Responses API. */
public enum UpstreamApi {
    CHAT, RESPONSES;

    /** {@code chat} or {@code responses}; null stays null (unset). */
    static UpstreamApi parse(String key, String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "chat" -> CHAT;
            case "responses" -> RESPONSES;
            default -> throw new IllegalStateException("Setting " + key + " must be chat or responses, got: " + value);
        };
    }
}
