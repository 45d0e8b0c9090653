package dev.ccproxy.config;

import java.util.OptionalInt;

/**
 * Optional bounds on {@code max_tokens}. Unset by default: the seed's default ceiling of 4096 cut Claude Code's answers
 * short, so the proxy only clamps when asked to.
 */
public record TokenLimits(OptionalInt max, OptionalInt min) {

    public static final TokenLimits NONE = new TokenLimits(OptionalInt.empty(), OptionalInt.empty());

    public int apply(int requested) {
        int value = requested;
        if (min.isPresent()) {
            value = Math.max(value, min.getAsInt());
        }
        if (max.isPresent()) {
            value = Math.min(value, max.getAsInt());
        }
        return value;
    }
}
