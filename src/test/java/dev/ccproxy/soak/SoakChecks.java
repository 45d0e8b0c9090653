package dev.ccproxy.soak;

import dev.ccproxy.soak.OutcomeClassifier.Outcome;

import java.util.ArrayList;
import java.util.List;

/**
 * What a soak must show, each rule with what was measured. Nothing lost: every request ended whole, as its injected
 * fault explains, or cut by the client; no ERROR in the proxy's log; every upstream call ended, each hang-up and each
 * stalled call closed its upstream call, and the upstream saw each fault as often as the retry settings say. Flat: the
 * proxy at rest after the soak against the proxy at rest after the warm-up, with bounds a shared 2-core machine does
 * not cross by noise but a per-request leak does within a minute of load (about 7,500 requests):
 * <ul>
 *   <li>platform threads: at most {@value #THREAD_SLACK} more (the JIT's compiler threads and the virtual threads'
 *       carriers come and go with load; measured: one less or the same; a thread left by one request in a thousand
 *       would be seven more);</li>
 *   <li>descriptors other than connections (files, pipes, epoll, listening sockets): at most
 *       {@value #DESCRIPTOR_SLACK} more (measured: the same); client connections: none left; upstream connections: no
 *       more than the two pools can keep (one per concurrent call in each: camel-http's for whole answers, Vert.x's for
 *       streams), where a connection a fault failed to close would add one per fault, hundreds a minute;</li>
 *   <li>live heap after a full collection: at most {@value #LIVE_HEAP_SLACK_MIB} MiB more (measured: under 1 MiB
 *       apart; 1 KiB left by each request would be 7 MiB after a minute, 200 MiB after half an hour);</li>
 *   <li>resident memory outside the heap (code, metaspace, stacks, direct buffers): at most {@value
 *       #RSS_SLACK_PERCENT}% more, the design's bound for memory "back after load" (measured: 9 to 14 MiB more, the
 *       JIT still compiling, on about 160 MiB). The heap's own resident pages are reported, not bounded: the parallel
 *       collector grows its young generation for the load, up to {@code -Xmx}, and gives pages back only slowly,
 *       which is no leak; the live heap is the sharp measure of one.</li>
 * </ul>
 */
final class SoakChecks {

    static final int THREAD_SLACK = 8;
    static final int DESCRIPTOR_SLACK = 4;
    static final long LIVE_HEAP_SLACK_MIB = 8;
    static final int RSS_SLACK_PERCENT = 20;

    /** A rule, whether it held, and what was measured. */
    record Check(String rule, boolean held, String measured) {
    }

    private SoakChecks() {
    }

    static List<Check> of(SoakResults results) {
        List<Check> checks = new ArrayList<>();
        nothingLost(results, checks);
        flat(results.start(), results.end(), results.options().concurrency(), checks);
        return checks;
    }

    private static void nothingLost(SoakResults results, List<Check> checks) {
        Checkpoint start = results.start();
        Checkpoint end = results.end();
        long unexplained = results.count(Outcome.UNEXPLAINED);
        checks.add(new Check("no unexplained ending (warm-up and soak)", unexplained == 0,
                unexplained + " unexplained"));
        checks.add(new Check("the proxy ran throughout", results.proxyAlive(), results.proxyAlive() ? "alive"
                : "it died"));
        checks.add(new Check("no ERROR in the proxy's log (Netty's buffer LEAK reports included)",
                results.logErrors().count() == 0, results.logErrors().count() + " ERROR lines"));
        checks.add(new Check("the proxy came to rest: every upstream call over, every client connection closed",
                start.settled() && end.settled() && end.upstream().open() == 0, end.upstream().open()
                + " upstream calls open " + end.upstream().openByKind() + ", " + end.resources().clients()
                + " client connections"));
        long cuts = results.count(Outcome.CUT);
        checks.add(new Check("each hang-up closed its upstream call", end.upstream().cancelledByProxy() == cuts,
                cuts + " hang-ups, " + end.upstream().cancelledByProxy() + " upstream calls closed by the proxy"));
        long stalls = results.injected(UpstreamFault.STALLED_STREAM) + results.injected(UpstreamFault.STALLED_ANSWER);
        checks.add(new Check("each stalled call closed by the proxy's timeout",
                end.upstream().stallsEndedByProxy() == stalls,
                stalls + " stalls, " + end.upstream().stallsEndedByProxy() + " closed by the proxy"));
        checks.add(faultsAsPlanned(results));
    }

    private static void flat(Checkpoint start, Checkpoint end, int concurrency, List<Check> checks) {
        checks.add(new Check("platform threads back (at most " + THREAD_SLACK + " more)",
                end.resources().threads() <= start.resources().threads() + THREAD_SLACK,
                start.resources().threads() + " → " + end.resources().threads()));
        checks.add(new Check("descriptors other than connections back (at most " + DESCRIPTOR_SLACK + " more)",
                end.resources().others() <= start.resources().others() + DESCRIPTOR_SLACK,
                start.resources().others() + " → " + end.resources().others()));
        int pools = 2 * concurrency;
        checks.add(new Check("upstream connections within the pools' bound (" + pools + ")",
                end.resources().upstream() <= pools,
                start.resources().upstream() + " → " + end.resources().upstream()));
        long heapSlack = LIVE_HEAP_SLACK_MIB * 1024 * 1024;
        checks.add(new Check("live heap back (at most " + LIVE_HEAP_SLACK_MIB + " MiB more)",
                end.heap().bytes() > 0 && end.heap().bytes() <= start.heap().bytes() + heapSlack,
                mib(start.heap().bytes()) + " → " + mib(end.heap().bytes())));
        long rssBound = start.resources().outsideHeapKb() * (100 + RSS_SLACK_PERCENT) / 100;
        checks.add(new Check("resident memory outside the heap back (at most " + RSS_SLACK_PERCENT + "% more)",
                end.resources().outsideHeapKb() <= rssBound, start.resources().outsideHeapKb() / 1024 + " MiB → "
                + end.resources().outsideHeapKb() / 1024 + " MiB"));
    }

    /**
     * The upstream counts each attempt that got a fault: a fault on every attempt is seen once plus once a retry, a
     * fault the proxy does not retry once. So the counts check the proxy's retries as well as the plans.
     */
    private static Check faultsAsPlanned(SoakResults results) {
        int maxRetries = results.options().maxRetries();
        List<String> off = new ArrayList<>();
        long expectedAll = 0;
        for (UpstreamFault fault : UpstreamFault.values()) {
            long expected = results.injected(fault) * fault.attemptsStruck(maxRetries);
            long seen = results.end().upstream().faults().getOrDefault(fault, 0L);
            expectedAll += expected;
            if (seen != expected) {
                off.add(fault + " " + seen + " (expected " + expected + ")");
            }
        }
        return new Check("the upstream saw each fault as often as planned and retried", off.isEmpty(),
                off.isEmpty() ? expectedAll + " faulty attempts" : String.join(", ", off));
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1024.0 / 1024);
    }
}
