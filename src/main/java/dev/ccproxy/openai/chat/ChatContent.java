package dev.ccproxy.openai.chat;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/** Message content: a plain string, or parts (text, image, file). A lone text part is sent as a string. */
public sealed interface ChatContent {

    static ChatContent text(String text) {
        return new Text(text);
    }

    /** A single text part collapses to a string, which every OpenAI-compatible server accepts. */
    static ChatContent parts(List<ChatContentPart> parts) {
        if (parts.size() == 1 && parts.get(0) instanceof ChatContentPart.TextPart text) {
            return new Text(text.text());
        }
        return new Parts(List.copyOf(parts));
    }

    record Text(@JsonValue String value) implements ChatContent {
    }

    record Parts(@JsonValue List<ChatContentPart> value) implements ChatContent {
    }
}
