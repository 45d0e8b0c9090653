package dev.ccproxy.config;

import java.time.Duration;

/**
 * What one client request may be, beyond the body size ({@code proxy.server.max-body-bytes}): each excess is refused
 * with Anthropic's error envelope (400, 408, 414 or 431), never a 5xx, a stack overflow or a connection held forever.
 *
 * @param maxHeaderBytes  all header lines of a request together (431 past it)
 * @param headersTimeout  how long a connection may take to send a request's headers, from when it opened or its
 *                        previous response ended: past it the connection is closed (so idle keep-alive connections
 *                        close after it too)
 * @param bodyTimeout     how long a request may take to send its body once its headers are in (408 past it)
 * @param idleTimeout     a connection silent both ways this long is closed whatever it is doing: a backstop, longer
 *                        than any legitimate silence (a whole answer's {@code REQUEST_TIMEOUT}, and a minute more)
 * @param maxJsonDepth    nesting of arrays and objects in a request body (400 past it)
 * @param maxMessages     messages in one request (400 past it)
 * @param maxTools        tools in one request (400 past it)
 */
public record RequestLimits(int maxHeaderBytes, Duration headersTimeout, Duration bodyTimeout, Duration idleTimeout,
        int maxJsonDepth,
        int maxMessages, int maxTools) {
}
