package dev.ccproxy.config;

import java.time.Duration;

/**
 * How the proxy talks to upstreams, for both of its HTTP clients (camel-http for whole answers, Vert.x's for streams).
 * The three waits are separate because they fail for different reasons: a reasoning model may think for minutes before
 * its first token (first byte), a stream that has begun should not then fall silent for long (idle), and a client
 * waiting for a whole answer needs a bound on the whole of it (total).
 *
 * @param connectTimeout   connecting to an upstream
 * @param firstByteTimeout how long each attempt may wait for the upstream to begin answering: its status line, and
 *                         for a stream its first event
 * @param idleTimeout      how long a stream that has begun may stay silent between two pieces
 * @param totalTimeout     how long a whole (non-streamed) answer may take, retries included ({@code REQUEST_TIMEOUT})
 * @param maxConnections   pooled keep-alive connections (a stream holds its connection for its whole life)
 */
public record UpstreamClientSettings(Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout,
        Duration totalTimeout, int maxConnections) {
}
