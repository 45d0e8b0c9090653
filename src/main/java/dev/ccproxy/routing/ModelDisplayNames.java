package dev.ccproxy.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A model's {@code display_name} from its id, the way Anthropic names its models: {@code claude-opus-4-5} is
 * "Claude Opus 4.5", {@code claude-sonnet-4-5-20250929} "Claude Sonnet 4.5" (the snapshot date is not part of the
 * name). Other names (a map rule's {@code azure-4o}) are shown as they are: the proxy cannot know how to spell them.
 */
public final class ModelDisplayNames {

    private static final String CLAUDE = "claude-";

    private ModelDisplayNames() {
    }

    public static String of(String id) {
        if (!id.regionMatches(true, 0, CLAUDE, 0, CLAUDE.length())) {
            return id;
        }
        List<String> words = new ArrayList<>(List.of("Claude"));
        List<String> version = new ArrayList<>();
        for (String part : id.substring(CLAUDE.length()).replaceFirst("-\\d{8}$", "").split("-")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                version.add(part);
                continue;
            }
            // consecutive numbers are one version: 4-5 is 4.5
            flush(version, words);
            words.add(part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1));
        }
        flush(version, words);
        return String.join(" ", words);
    }

    private static void flush(List<String> version, List<String> words) {
        if (!version.isEmpty()) {
            words.add(String.join(".", version));
            version.clear();
        }
    }
}
