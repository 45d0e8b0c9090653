package dev.ccproxy.config;

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

    private final List<Rule> rules;

    public ModelProfiles(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static ModelProfiles none() {
        return new ModelProfiles(List.of());
    }

    /** The effective profile of {@code model} on the provider named {@code providerName}. */
    public ModelProfile forModel(String providerName, String model) {
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
