package dev.ccproxy.config;

/**
 * The HTTP server's capacity.
 *
 * @param maxConcurrentRequests requests that call an upstream allowed in flight at once (streams included); more are
 *                              refused with 529 at once
 * @param eventLoops            Vert.x event loops: each serves its share of the connections, client and upstream, and
 *                              relays their streams
 */
public record ServerSettings(int maxConcurrentRequests, int eventLoops) {
}
