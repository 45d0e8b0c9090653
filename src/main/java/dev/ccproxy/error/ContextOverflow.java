package dev.ccproxy.error;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises an upstream's "the prompt does not fit the context window" among its 400s, in the wordings of the
 * servers the proxy talks to, and reads the window and the prompt's size from it where they are given.
 *
 * <ul>
 *   <li>OpenAI Chat Completions and DeepSeek: code {@code context_length_exceeded}, "This model's maximum context
 *       length is 128000 tokens. However, your messages resulted in 130001 tokens" (or "you requested N tokens").</li>
 *   <li>OpenAI Responses API: code {@code context_length_exceeded}, "Your input exceeds the context window of this
 *       model".</li>
 *   <li>vLLM and SGLang: "maximum context length is 4096 tokens. However, you requested 5000 tokens (4000 in the
 *       messages, 1000 in the completion)", or "The decoder prompt (length 5000) is longer than the maximum model
 *       length of 4096".</li>
 *   <li>llama.cpp: type {@code exceed_context_size_error}, {@code n_prompt_tokens}, {@code n_ctx}.</li>
 *   <li>Ollama: "the input length exceeds the context length"; Anthropic-style servers: "prompt is too long".</li>
 * </ul>
 */
final class ContextOverflow {

    private static final List<String> MARKERS = List.of("context_length_exceeded", "exceed_context_size_error",
            "maximum context length", "context window", "maximum model length", "exceeds the context length",
            "exceeds the available context size", "prompt is too long", "context length exceeded");

    private static final List<Pattern> LIMITS = List.of(
            Pattern.compile("maximum context length is (\\d+)"),
            Pattern.compile("maximum model length of (\\d+)"),
            Pattern.compile("\"n_ctx\"\\s*:\\s*(\\d+)"),
            Pattern.compile("context (?:window|length|size) (?:of|is) (\\d+)"),
            Pattern.compile("> (\\d+) maximum"));

    private static final List<Pattern> PROMPTS = List.of(
            Pattern.compile("\\((\\d+) in the messages"),
            Pattern.compile("messages resulted in (\\d+) tokens"),
            Pattern.compile("decoder prompt \\(length (\\d+)\\)"),
            Pattern.compile("\"n_prompt_tokens\"\\s*:\\s*(\\d+)"),
            Pattern.compile("prompt is too long: (\\d+) tokens"),
            Pattern.compile("you requested (\\d+) tokens"));

    private ContextOverflow() {
    }

    /** Whether the body of an upstream's 4xx says the prompt is over its window. */
    static boolean matches(String body) {
        String lower = body == null ? "" : body.toLowerCase(Locale.ROOT);
        return MARKERS.stream().anyMatch(lower::contains);
    }

    static OptionalInt limit(String body) {
        return first(LIMITS, body);
    }

    static OptionalInt promptTokens(String body) {
        return first(PROMPTS, body);
    }

    private static OptionalInt first(List<Pattern> patterns, String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        for (Pattern pattern : patterns) {
            Matcher matcher = pattern.matcher(lower);
            if (matcher.find()) {
                try {
                    return OptionalInt.of(Integer.parseInt(matcher.group(1)));
                } catch (NumberFormatException tooLarge) {
                    return OptionalInt.empty();
                }
            }
        }
        return OptionalInt.empty();
    }
}
