package dev.ccproxy.http;

import com.sun.management.UnixOperatingSystemMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many requests that call an upstream may be in flight at once, streams included. Past the limit a request is
 * refused at once (529 {@code overloaded_error}, which Anthropic's clients retry with back-off) instead of being
 * queued behind streams that may last minutes, and the requests already in flight go on undisturbed.
 *
 * <p>A request in flight holds two file descriptors, the client's connection and the upstream's; a limit the
 * process's descriptors cannot hold would let requests in only to fail them later, so it is lowered to fit, with a
 * warning.
 */
public final class InFlightLimit {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightLimit.class);
    /** Descriptors kept for everything else: jars, the listening socket, logs, refused connections on their way out. */
    private static final long RESERVED_DESCRIPTORS = 512;

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();

    public InFlightLimit(int limit) {
        this.limit = limit;
    }

    /** {@code configured}, or fewer when this process may not open enough file descriptors for that many. */
    public static InFlightLimit fitting(int configured) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix) {
            long fitting = Math.max(1, (unix.getMaxFileDescriptorCount() - RESERVED_DESCRIPTORS) / 2);
            if (fitting < configured) {
                LOG.warn("proxy.server.max-concurrent-requests is {}, but this process may open only {} file "
                        + "descriptors (two a request: the client's and the upstream's connection): limiting requests "
                        + "in flight to {}; raise the limit (ulimit -n) to allow more", configured,
                        unix.getMaxFileDescriptorCount(), fitting);
                return new InFlightLimit((int) fitting);
            }
        }
        return new InFlightLimit(configured);
    }

    /** Takes a place, or answers false at once when all are taken. */
    public boolean tryEnter() {
        while (true) {
            int now = inFlight.get();
            if (now >= limit) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives back a place {@link #tryEnter()} took. */
    public void leave() {
        inFlight.decrementAndGet();
    }

    /** Requests in flight now. */
    public int inFlight() {
        return inFlight.get();
    }

    public int limit() {
        return limit;
    }
}
