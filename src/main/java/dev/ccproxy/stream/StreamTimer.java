package dev.ccproxy.stream;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One timer for every open stream: a client that has been sent nothing for the ping interval gets a {@code ping}
 * (long reasoning, a slow search), and an upstream that has stayed silent past its deadline (each stream knows its
 * own: the first-byte timeout until its first event, the idle timeout after) is cut off with {@code timeout_error}. A task or a timer per stream would put thousands of entries in some queue (Camel's sized
 * scheduler refused the 1,001st); one walk over the open streams every tick costs well under a microsecond a stream.
 */
public final class StreamTimer implements AutoCloseable {

    /** A stream the timer watches; its actions are handed to the stream's own event loop. */
    public interface Watched {
        /** When the client was last written to ({@link System#nanoTime()}). */
        long lastClientWrite();

        /** Whether the upstream has been silent past its deadline at {@code now} ({@link System#nanoTime()}). */
        boolean upstreamOverdue(long now);

        /** Send the client a {@code ping}. */
        void ping();

        /** The upstream has been silent too long: end the stream with a timeout error. */
        void upstreamSilent();
    }

    private final Set<Watched> open = ConcurrentHashMap.newKeySet();
    private final long pingNanos;
    private final ScheduledFuture<?> ticks;

    /**
     * Schedules the one task on {@code timer} (a single thread is plenty), often enough to ping and cut within a
     * quarter of the ping interval or of the shortest upstream timeout, and at least once a second.
     */
    public StreamTimer(Duration pingInterval, Duration shortestUpstreamTimeout, ScheduledExecutorService timer) {
        this.pingNanos = pingInterval.toNanos();
        long period = Math.max(50, Math.min(1000,
                Math.min(pingInterval.toMillis(), shortestUpstreamTimeout.toMillis()) / 4));
        this.ticks = timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    public void watch(Watched stream) {
        open.add(stream);
    }

    public void forget(Watched stream) {
        open.remove(stream);
    }

    private void tick() {
        long now = System.nanoTime();
        for (Watched stream : open) {
            try {
                if (stream.upstreamOverdue(now)) {
                    open.remove(stream);
                    stream.upstreamSilent();
                } else if (now - stream.lastClientWrite() >= pingNanos) {
                    stream.ping();
                }
            } catch (RuntimeException e) {
                // one broken stream must not stop the others' pings; its own relay sees the failure
                open.remove(stream);
            }
        }
    }

    @Override
    public void close() {
        ticks.cancel(false);
    }
}
