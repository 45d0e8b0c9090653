package dev.ccproxy.translate.common;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Finds which requested stop sequence ended an answer. OpenAI does not say; vLLM ({@code stop_reason}) and SGLang
 * ({@code matched_stop}) do, and some servers leave the sequence at the end of the text. Without such evidence the
 * answer is an ordinary {@code end_turn}: guessing would be worse than saying nothing.
 */
public final class StopSequences {

    private StopSequences() {
    }

    /** The matched sequence, or null. */
    public static String matched(List<String> requested, String text, JsonNode... reported) {
        if (requested.isEmpty()) {
            return null;
        }
        for (JsonNode node : reported) {
            if (node != null && node.isTextual() && requested.contains(node.textValue())) {
                return node.textValue();
            }
        }
        if (text != null) {
            for (String sequence : requested) {
                if (!sequence.isEmpty() && text.endsWith(sequence)) {
                    return sequence;
                }
            }
        }
        return null;
    }
}
