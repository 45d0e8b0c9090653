package dev.ccproxy.error;

import java.util.Collection;
import java.util.Objects;

/**
 * The keys this process holds (the client key, every provider's key), so that no message the proxy writes can carry
 * one: an upstream that echoes the key it was sent ("Incorrect API key provided: sk-…") has its message passed on,
 * as every upstream message is, but with the key replaced. Registered once at start-up; every
 * {@link ProxyException}'s message goes through {@link #redact}, so error bodies, stream error events and the log
 * lines that quote them are covered alike.
 */
public final class KnownSecrets {

    /** Shorter values are not keys (and replacing them would garble ordinary words). */
    private static final int SHORTEST = 8;
    private static final String REDACTED = "[redacted]";

    private static volatile String[] secrets = new String[0];

    private KnownSecrets() {
    }

    public static void register(Collection<String> keys) {
        secrets = keys.stream().filter(Objects::nonNull).map(String::trim)
                .filter(key -> key.length() >= SHORTEST).distinct().toArray(String[]::new);
    }

    /** {@code text} with every known key replaced. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (String secret : secrets) {
            if (redacted.contains(secret)) {
                redacted = redacted.replace(secret, REDACTED);
            }
        }
        return redacted;
    }
}
