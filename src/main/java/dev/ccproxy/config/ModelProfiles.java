package dev.ccproxy.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The profile rules, the configured ones ({@code proxy.profiles[N].*}) before the built-in ones
 * ({@code model-profiles.properties} in the jar). Every rule that matches a model contributes the fields the rules
 * before it left unset, so a configured rule can change one field of a built-in profile and keep the rest.
 */
public final class ModelProfiles {

    /**
     * One rule: a pattern over the upstream model name (matched whole, ignoring case), optionally for one provider
     * only.
     */
    public record Rule(Pattern match, String provider, ModelProfile profile) {

        boolean appliesTo(String providerName, String model) {
            return (provider == null || provider.equals(providerName)) && match.matcher(model).matches();
        }
    }

    /** Distinct provider and model pairs whose profiles are kept; requested names can be anything, so bounded. */
    private static final int CACHED_PROFILES = 4096;

    private final List<Rule> rules;
    /** Merging means matching every rule's pattern: done once per provider and model, not once per request. */
    private final Cache<String, ModelProfile> merged = Caffeine.newBuilder().maximumSize(CACHED_PROFILES).build();

    public ModelProfiles(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static ModelProfiles none() {
        return new ModelProfiles(List.of());
    }

    /** The effective profile of {@code model} on the provider named {@code providerName}. */
    public ModelProfile forModel(String providerName, String model) {
        return merged.get(providerName + '\n' + model, key -> merge(providerName, model));
    }

    private ModelProfile merge(String providerName, String model) {
        ModelProfile merged = ModelProfile.EMPTY;
        for (Rule rule : rules) {
            if (rule.appliesTo(providerName, model)) {
                merged = merged.over(rule.profile());
            }
        }
        return merged.over(ModelProfile.DEFAULTS);
    }

    public List<Rule> rules() {
        return rules;
    }
}
