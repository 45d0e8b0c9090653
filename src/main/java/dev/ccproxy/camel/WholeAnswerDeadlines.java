package dev.ccproxy.camel;

import dev.ccproxy.error.UpstreamErrors;
import dev.ccproxy.error.UpstreamSilence;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The deadline of every whole (non-streamed) answer, retries included ({@code proxy.upstream.timeout-seconds},
 * {@code REQUEST_TIMEOUT}): one task walks the requests waiting for their answer a few times a second and cuts those
 * past their deadline ({@link ClientConnection#cut}: the attempt in flight is cancelled, the client gets
 * {@code timeout_error}). A timer per request would be scheduled from the request's own thread onto an event loop,
 * waking it for every request; a map entry costs a fraction of that.
 */
public final class WholeAnswerDeadlines implements AutoCloseable {

    private final Map<ClientConnection, Long> due = new ConcurrentHashMap<>();
    private final Duration total;
    private final ScheduledFuture<?> ticks;

    /** Walks on {@code timer} every twentieth of the deadline (between 50 ms and a second). */
    public WholeAnswerDeadlines(Duration total, ScheduledExecutorService timer) {
        this.total = total;
        long period = Math.max(50, Math.min(1000, total.toMillis() / 20));
        this.ticks = timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    /** Arms the request's deadline at its first upstream attempt; later attempts (its retries) share it. */
    void arm(ClientConnection connection) {
        if (due.putIfAbsent(connection, System.nanoTime() + total.toNanos()) == null) {
            connection.whenDone(() -> due.remove(connection));
        }
    }

    private void tick() {
        long now = System.nanoTime();
        due.forEach((connection, deadline) -> {
            if (now - deadline >= 0 && due.remove(connection) != null) {
                connection.cut(UpstreamErrors.fromIo(UpstreamSilence.total(total), null));
            }
        });
    }

    @Override
    public void close() {
        ticks.cancel(false);
    }
}
