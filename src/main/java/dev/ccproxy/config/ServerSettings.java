package dev.ccproxy.config;

import java.time.Duration;

/**
 * The HTTP server's capacity, and how it stops.
 *
 * @param maxConcurrentRequests requests that call an upstream allowed in flight at once (streams included); more are
 *                              refused with 529 at once
 * @param eventLoops            Vert.x event loops: each serves its share of the connections, client and upstream, and
 *                              relays their streams
 * @param drainTime             at shutdown, how long the requests in flight may take to finish before they are ended
 *                              with {@code overloaded_error}
 * @param limits                what one request may be
 */
public record ServerSettings(int maxConcurrentRequests, int eventLoops, Duration drainTime, RequestLimits limits) {
}
