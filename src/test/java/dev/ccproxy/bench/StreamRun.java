package dev.ccproxy.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The streams of one run (direct or through the proxy) and what they say: how many came whole (every delta, the end
 * of the answer, no gap longer than ten times the pacing), how many were refused with {@code 529} (admission control:
 * a clean refusal, not a failure), how many broke; first-delta times and gaps.
 */
record StreamRun(List<LoadClient.StreamTiming> timings, int deltas, long gapMillis) {

    /** A gap longer than this many times the pacing counts as a stall, as on the public gateway boards. */
    static final int STALL_FACTOR = 10;

    int count() {
        return timings.size();
    }

    long whole() {
        long limit = TimeUnit.MILLISECONDS.toNanos(gapMillis * STALL_FACTOR);
        return timings.stream().filter(t -> t.complete() && t.events() == deltas
                && t.gapsNanos().stream().allMatch(gap -> gap <= limit)).count();
    }

    long refused() {
        return timings.stream().filter(t -> t.status() == 529).count();
    }

    long broken() {
        return count() - whole() - refused();
    }

    /** The slowest 529, from the request's start to its status line (-1 without any). */
    long slowestRefusalNanos() {
        return timings.stream().filter(t -> t.status() == 529).mapToLong(LoadClient.StreamTiming::statusNanos).max()
                .orElse(-1);
    }

    long firstDelta(double percentile) {
        return percentile(timings.stream().filter(t -> t.status() == 200)
                .map(LoadClient.StreamTiming::firstEventNanos).filter(t -> t >= 0).toList(), percentile);
    }

    long gap(double percentile) {
        return percentile(gaps(), percentile);
    }

    long maxGap() {
        return gaps().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private List<Long> gaps() {
        return timings.stream().filter(t -> t.status() == 200).flatMap(t -> t.gapsNanos().stream()).toList();
    }

    static long percentile(List<Long> values, double percentile) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1,
                (int) Math.ceil(percentile / 100 * sorted.size()) - 1)));
    }
}
