package dev.ccproxy.config;

import dev.ccproxy.config.ModelProfile.ReasoningStyle;
import dev.ccproxy.config.ModelProfile.SchemaDialect;
import dev.ccproxy.config.ModelProfile.TokenParameter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads profile rules: {@code <prefix>[N].match} (a regular expression over the upstream model name, matched whole,
 * ignoring case), optionally {@code .provider}, and any of the profile's fields. A field the proxy does not know fails
 * the start, so that a typo cannot silently leave a model unprotected.
 */
final class ProfileRules {

    /** The built-in rules, in the jar (in a folder of its own: an application that embeds the proxy has its own). */
    static final String BUILT_IN = "claude-code-proxy/model-profiles.properties";

    private static final Set<String> FIELDS = Set.of("match", "provider", "max-output-tokens", "token-parameter",
            "sampling", "vision", "reasoning", "reasoning-history", "schema-dialect", "tool-name-max-length", "api",
            "context-window", "prompt-cache-key", "safety-identifier");

    private ProfileRules() {
    }

    /** The built-in rules ({@code profiles[N].*} in {@value #BUILT_IN}). */
    static List<ModelProfiles.Rule> builtIn() {
        Properties properties = PackagedProperties.load(BUILT_IN);
        Map<String, String> bySuffix = new TreeMap<>();
        String prefix = "profiles[";
        properties.stringPropertyNames().stream().filter(key -> key.startsWith(prefix))
                .forEach(key -> bySuffix.put(key.substring(prefix.length()), properties.getProperty(key).trim()));
        return parse(prefix, bySuffix);
    }

    static List<ModelProfiles.Rule> parse(String prefix, Map<String, String> bySuffix) {
        List<ModelProfiles.Rule> rules = new ArrayList<>();
        KeyedEntries.indexed(prefix, bySuffix).forEach((index, fields) -> {
            String where = prefix + index + "]";
            for (String field : fields.keySet()) {
                if (!FIELDS.contains(field)) {
                    throw new IllegalStateException("Setting " + where + "." + field + ": unknown field; known: "
                            + String.join(", ", new TreeSet<>(FIELDS)));
                }
            }
            String match = fields.get("match");
            if (match == null) {
                throw new IllegalStateException("Setting " + where + ".match is required (a regular expression over "
                        + "the upstream model name)");
            }
            Pattern pattern;
            try {
                pattern = Pattern.compile(match, Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw new IllegalStateException("Setting " + where + ".match is not a valid regular expression: "
                        + match, e);
            }
            rules.add(new ModelProfiles.Rule(pattern, fields.get("provider"), profile(where, fields)));
        });
        return rules;
    }

    private static ModelProfile profile(String where, Map<String, String> fields) {
        return new ModelProfile(
                integer(where + ".max-output-tokens", fields.get("max-output-tokens")),
                choice(where + ".token-parameter", fields.get("token-parameter"), TokenParameter.class),
                bool(where + ".sampling", fields.get("sampling")),
                bool(where + ".vision", fields.get("vision")),
                choice(where + ".reasoning", fields.get("reasoning"), ReasoningStyle.class),
                bool(where + ".reasoning-history", fields.get("reasoning-history")),
                choice(where + ".schema-dialect", fields.get("schema-dialect"), SchemaDialect.class),
                integer(where + ".tool-name-max-length", fields.get("tool-name-max-length")),
                UpstreamApi.parse(where + ".api", blankToNull(fields.get("api"))),
                integer(where + ".context-window", fields.get("context-window")),
                bool(where + ".prompt-cache-key", fields.get("prompt-cache-key")),
                bool(where + ".safety-identifier", fields.get("safety-identifier")));
    }

    private static Integer integer(String key, String value) {
        value = blankToNull(value);
        if (value == null) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed <= 0) {
                throw new IllegalStateException("Setting " + key + " must be positive, got: " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Setting " + key + " must be a whole number, got: " + value, e);
        }
    }

    private static Boolean bool(String key, String value) {
        value = blankToNull(value);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalStateException("Setting " + key + " must be true or false, got: " + value);
        };
    }

    /** {@code max_completion_tokens} or {@code max-completion-tokens} → {@code MAX_COMPLETION_TOKENS}. */
    private static <E extends Enum<E>> E choice(String key, String value, Class<E> type) {
        value = blankToNull(value);
        if (value == null) {
            return null;
        }
        String constant = value.toUpperCase(Locale.ROOT).replace('-', '_');
        for (E option : type.getEnumConstants()) {
            if (option.name().equals(constant)) {
                return option;
            }
        }
        List<String> options = new ArrayList<>();
        for (E option : type.getEnumConstants()) {
            options.add(option.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw new IllegalStateException("Setting " + key + " must be one of " + String.join(", ", options) + ", got: "
                + value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
