package dev.ccproxy.mapping;

import dev.ccproxy.config.ModelSettings;

import java.util.Locale;

/**
 * The seed's model map: haiku → SMALL, sonnet → MIDDLE, opus → BIG, names that are already upstream model names pass
 * through, and everything else → BIG. Responses echo the requested name, not the upstream one.
 */
public final class ModelResolver {

    private final ModelSettings models;

    public ModelResolver(ModelSettings models) {
        this.models = models;
    }

    public String resolve(String requested) {
        String lower = requested.toLowerCase(Locale.ROOT);
        if (lower.contains("haiku")) {
            return models.small();
        }
        if (lower.contains("sonnet")) {
            return models.middle();
        }
        if (lower.contains("opus")) {
            return models.big();
        }
        if (requested.equals(models.big()) || requested.equals(models.middle()) || requested.equals(models.small())
                || models.passthrough().matcher(requested).matches()) {
            return requested;
        }
        return models.big();
    }

    /** Whether the upstream model takes {@code max_completion_tokens} (OpenAI's reasoning models) over max_tokens. */
    public boolean usesMaxCompletionTokens(String upstreamModel) {
        return models.maxCompletionTokens().matcher(upstreamModel).matches();
    }
}
