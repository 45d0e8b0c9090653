package dev.ccproxy.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One phase of load: {@code concurrency} client loops, each on a virtual thread, each sending its next planned request
 * once the last one ended, until the phase's time is up; every ending classified and counted. Loop {@code n} of phase
 * {@code p} draws its plans from a random sequence seeded by (seed, p, n), so a seed plans the same requests again.
 */
final class SoakLoad {

    /**
     * How long a loop may take to end its last request once the phase is over: far longer than any answer the plans
     * ask for (a stalled fault ends after the proxy's 3 s timeout, a rate-limited one after a 1 s wait). A request
     * still open then is lost: its loop is interrupted and the request counts as unexplained.
     */
    private static final Duration LAST_REQUEST = Duration.ofSeconds(60);

    private SoakLoad() {
    }

    static OutcomeTally run(SoakOptions options, int proxyPort, int phase, long seconds, AtomicLong ids)
            throws InterruptedException {
        OutcomeTally tally = new OutcomeTally();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        try (SoakClient client = new SoakClient(proxyPort)) {
            List<Thread> loops = new ArrayList<>();
            for (int loop = 0; loop < options.concurrency(); loop++) {
                Random plans = new Random(Objects.hash(options.seed(), phase, loop));
                loops.add(Thread.ofVirtual().name("soak-loop-" + loop).start(() -> {
                    while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                        RequestPlan plan = RequestPlan.draw(plans, options.mix());
                        tally.add(plan, OutcomeClassifier.classify(plan, client.send(plan, ids.incrementAndGet())));
                        pause(options.thinkMillis());
                    }
                }));
            }
            long lastMoment = deadline + LAST_REQUEST.toNanos();
            for (Thread loop : loops) {
                if (!loop.join(Duration.ofNanos(Math.max(1, lastMoment - System.nanoTime())))) {
                    loop.interrupt();
                    loop.join(Duration.ofSeconds(10));
                }
            }
        }
        return tally;
    }

    /** The loop's fixed pacing between two requests. */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
