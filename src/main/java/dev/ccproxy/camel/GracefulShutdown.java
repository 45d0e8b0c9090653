package dev.ccproxy.camel;

import dev.ccproxy.error.AnthropicErrorType;
import dev.ccproxy.error.ProxyException;
import dev.ccproxy.http.Draining;
import dev.ccproxy.http.InFlightLimit;
import org.apache.camel.CamelContext;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Stopping without losing answers (SIGTERM, or Camel stopped by its host): Camel calls this first, while the routes
 * and the server still run, and waits for it.
 *
 * <ol>
 *   <li>At once: readiness turns 503 and new requests get 529 {@code overloaded_error} with {@code retry-after}
 *       ({@link Draining}), so load balancers and clients go elsewhere.</li>
 *   <li>The requests in flight, streams included, get up to {@code proxy.server.drain-seconds} to finish.</li>
 *   <li>Those still running are then cut: a stream gets {@code event: error} ({@code overloaded_error}, which Claude
 *       Code retries), a whole answer 529; their upstream calls are cancelled. Camel then stops the routes, the server
 *       and Vert.x, with nothing left to wait for.</li>
 * </ol>
 */
public final class GracefulShutdown extends LifecycleStrategySupport {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);
    /** How long the cut requests get to write their last event or error before Camel stops everything. */
    private static final Duration AFTER_CUT = Duration.ofSeconds(2);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Draining draining;
    private final InFlightLimit inFlight;
    private final InFlightConnections connections;
    private final Duration drainTime;

    public GracefulShutdown(Draining draining, InFlightLimit inFlight, InFlightConnections connections,
            Duration drainTime) {
        this.draining = draining;
        this.inFlight = inFlight;
        this.connections = connections;
        this.drainTime = drainTime;
    }

    @Override
    public void onContextStopping(CamelContext context) {
        if (draining.active()) {
            return;
        }
        draining.begin();
        long start = System.nanoTime();
        int atStart = inFlight.inFlight();
        LOG.info("Shutting down: readiness is 503 and new requests get 529; {} request(s) in flight get up to {} ms "
                + "to finish (proxy.server.drain-seconds)", atStart, drainTime.toMillis());
        if (!awaitIdle(start + drainTime.toNanos())) {
            LOG.warn("{} request(s) still in flight after the drain time: ending them with overloaded_error",
                    inFlight.inFlight());
            connections.cutAll(new ProxyException(AnthropicErrorType.OVERLOADED, 529,
                    "The proxy is shutting down and could not finish this request; retry", "1", null));
            awaitIdle(System.nanoTime() + AFTER_CUT.toNanos());
        }
        LOG.info("Drained in {} ms ({} request(s) were in flight)",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), atStart);
    }

    /** Waits (polling: this runs once, on the stopping thread) until nothing is in flight; false at the deadline. */
    private boolean awaitIdle(long deadline) {
        while (inFlight.inFlight() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }
}
