package dev.ccproxy.config;

import java.time.Duration;

/**
 * How streams are relayed.
 *
 * @param includeUsage     ask for {@code stream_options.include_usage} (off for providers that reject it)
 * @param bufferToolCalls  collect tool calls and send each whole at the end, for providers that interleave the
 *                         arguments of parallel calls; otherwise arguments stream as they arrive
 * @param pingInterval     a {@code ping} goes out when nothing else has for this long (reasoning, slow providers)
 */
public record StreamingSettings(boolean includeUsage, boolean bufferToolCalls, Duration pingInterval) {

    public static final StreamingSettings DEFAULT = new StreamingSettings(true, false, Duration.ofSeconds(10));
}
