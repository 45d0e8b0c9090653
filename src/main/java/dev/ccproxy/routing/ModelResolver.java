package dev.ccproxy.routing;

import dev.ccproxy.config.ModelChoice;
import dev.ccproxy.config.ModelProfiles;
import dev.ccproxy.config.ModelRule;
import dev.ccproxy.config.ModelSettings;
import dev.ccproxy.config.ProviderSettings;
import dev.ccproxy.config.ProxySettings;

import java.util.Locale;
import java.util.Map;

/**
 * The model map, applied to a requested name: the configured rules in order, then the Claude families (a name
 * containing haiku → small, sonnet → middle, opus → big), then the big, middle and small models' own names, then
 * names that are already upstream model names ({@code proxy.models.passthrough}: to the default provider, unchanged),
 * and big for everything else. A family name wins over the passthrough pattern, so an OpenRouter-style
 * {@code anthropic/claude-haiku-…} goes to the small model; a rule sends it elsewhere. The profile of the chosen
 * model comes with it. Responses echo the requested name, not the upstream one.
 */
public final class ModelResolver {

    private final ModelSettings models;
    private final Map<String, ProviderSettings> providers;
    private final ModelProfiles profiles;

    public ModelResolver(ModelSettings models, Map<String, ProviderSettings> providers, ModelProfiles profiles) {
        this.models = models;
        this.providers = Map.copyOf(providers);
        this.profiles = profiles;
    }

    public ModelResolver(ProxySettings settings) {
        this(settings.models(), settings.providers(), settings.profiles());
    }

    public UpstreamTarget resolve(String requested) {
        for (ModelRule rule : models.rules()) {
            if (rule.matches(requested)) {
                return target(rule.target(), requested);
            }
        }
        String lower = requested.toLowerCase(Locale.ROOT);
        if (lower.contains("haiku")) {
            return target(models.small(), requested);
        }
        if (lower.contains("sonnet")) {
            return target(models.middle(), requested);
        }
        if (lower.contains("opus")) {
            return target(models.big(), requested);
        }
        for (ModelChoice family : new ModelChoice[] {models.big(), models.middle(), models.small()}) {
            if (requested.equals(family.model())) {
                return target(family, requested);
            }
        }
        if (models.passthrough().matcher(requested).matches()) {
            return target(new ModelChoice(ProviderSettings.DEFAULT, requested), requested);
        }
        return target(models.big(), requested);
    }

    /** The small model ({@code SMALL_MODEL}) on its provider, as configured: what {@code GET /test-connection} calls. */
    public UpstreamTarget small() {
        return target(models.small(), models.small().model());
    }

    /** Where a request with Anthropic's web-search tool goes: the configured search model, else as any request. */
    public UpstreamTarget resolveWebSearch(String requested) {
        if (models.webSearch() == null) {
            return resolve(requested);
        }
        ModelChoice search = models.webSearch();
        if (search.model() == null) {
            UpstreamTarget usual = resolve(requested);
            return target(new ModelChoice(search.provider(), usual.model()), requested);
        }
        return target(search, requested);
    }

    private UpstreamTarget target(ModelChoice choice, String requested) {
        ProviderSettings provider = providers.get(choice.provider());
        String model = choice.model() == null ? requested : choice.model();
        return new UpstreamTarget(provider, model, profiles.forModel(provider.name(), model));
    }
}
