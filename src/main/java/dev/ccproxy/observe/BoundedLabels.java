package dev.ccproxy.observe;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values one metric label may take, at most {@code max} of them: the first ones seen are kept, later ones become
 * {@value #OTHER}. Model names come from clients; without a bound, a client sending a new name each time would grow
 * the metrics (and every scrape) without end.
 */
final class BoundedLabels {

    static final String OTHER = "other";
    static final String NONE = "none";

    private final int max;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    BoundedLabels(int max) {
        this.max = max;
    }

    String of(String value) {
        if (value == null || value.isEmpty()) {
            return NONE;
        }
        if (seen.contains(value)) {
            return value;
        }
        if (seen.size() >= max || value.length() > 100) {
            return OTHER;
        }
        seen.add(value);
        return value;
    }
}
