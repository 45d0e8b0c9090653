package dev.ccproxy.config;

import java.time.Duration;

/**
 * How the proxy talks to upstreams, for both of its HTTP clients (camel-http for whole answers, Vert.x's for streams).
 *
 * @param connectTimeout  connecting to an upstream
 * @param idleTimeout     how long an upstream may stay silent: before it answers, and between two pieces of a stream
 *                        ({@code REQUEST_TIMEOUT})
 * @param maxConnections  pooled keep-alive connections (a stream holds its connection for its whole life)
 */
public record UpstreamClientSettings(Duration connectTimeout, Duration idleTimeout, int maxConnections) {
}
