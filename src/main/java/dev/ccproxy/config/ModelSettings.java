package dev.ccproxy.config;

import java.util.regex.Pattern;

/**
 * The model map of the seed: Claude families to three upstream models, plus which names pass through untouched.
 *
 * @param big                 for opus and every name that matches nothing else
 * @param middle              for sonnet
 * @param small               for haiku
 * @param passthrough         names that already are upstream model names
 * @param reasoning           OpenAI reasoning models: {@code max_completion_tokens} instead of {@code max_tokens}, and a
 *                            reasoning effort
 * @param responsesApi        upstream models that exist only on the Responses API (codex)
 */
public record ModelSettings(String big, String middle, String small, Pattern passthrough, Pattern reasoning,
        Pattern responsesApi) {
}
