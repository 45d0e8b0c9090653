package dev.ccproxy.config;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One entry of the model map ({@code proxy.models.map[N]}): requested names it matches, and where they go.
 *
 * @param match  as configured: an exact name, a glob with {@code *} and {@code ?}, or {@code regex:<expression>};
 *               all ignore case
 * @param target the provider, and the upstream model (null keeps the requested name)
 */
public record ModelRule(String match, Pattern pattern, ModelChoice target) {

    static ModelRule of(String key, String match, ModelChoice target) {
        return new ModelRule(match, pattern(key, match), target);
    }

    public boolean matches(String requested) {
        return pattern.matcher(requested).matches();
    }

    /** A plain model name, not a glob ({@code *}, {@code ?}) or a {@code regex:}: a name a client can be offered. */
    public boolean exactName() {
        return !match.startsWith("regex:") && match.indexOf('*') < 0 && match.indexOf('?') < 0;
    }

    private static Pattern pattern(String key, String match) {
        if (match.startsWith("regex:")) {
            try {
                return Pattern.compile(match.substring("regex:".length()), Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw new IllegalStateException("Setting " + key + " is not a valid regular expression: " + match, e);
            }
        }
        StringBuilder regex = new StringBuilder();
        for (char c : match.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
