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

    /**
     * Whether the upstream model is one of OpenAI's reasoning models: they take {@code max_completion_tokens} rather
     * than max_tokens, and a reasoning effort.
     */
    public boolean reasoningModel(String upstreamModel) {
        return models.reasoning().matcher(upstreamModel).matches();
    }

    /** Whether requests for this upstream model go to the Responses API (models that exist only there). */
    public boolean responsesOnly(String upstreamModel) {
        return models.responsesApi().matcher(upstreamModel).matches();
    }
}
