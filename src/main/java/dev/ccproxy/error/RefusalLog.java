package dev.ccproxy.error;

import org.slf4j.Logger;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A warning about refusals that may come by the thousand (admission control's 529s, retries the budget refused): one
 * line every ten seconds at most, with the count since the last, instead of a line each that would flood the log just
 * when the proxy is busiest.
 */
public final class RefusalLog {

    private static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Logger log;
    private final LongFunction<String> message;
    private final AtomicLong sinceLast = new AtomicLong();
    private final AtomicLong lastLine = new AtomicLong(System.nanoTime() - EVERY_NANOS);

    /** @param message the line, given the count of refusals since the last one */
    public RefusalLog(Logger log, LongFunction<String> message) {
        this.log = log;
        this.message = message;
    }

    public void refused() {
        sinceLast.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLine.get();
        if (now - last >= EVERY_NANOS && lastLine.compareAndSet(last, now)) {
            log.warn(message.apply(sinceLast.getAndSet(0)));
        }
    }
}
