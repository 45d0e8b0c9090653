package dev.ccproxy.camel;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Keeps the proxy's retries to a share of its recent upstream calls, so that an upstream in trouble is not hammered
 * by retries on top of the load it already cannot carry (and Claude Code retries too, on its side). Over a sliding
 * window of ten one-second slots: a retry is allowed while the window's retries stay within {@code percent} of its
 * first attempts, or within {@code minimum}, whichever is more (so a single user still gets the retries of a blip).
 * Calls are counted where they are made (both upstream clients); retries where they are decided.
 */
public final class RetryBudget {

    private static final int SLOTS = 10;

    private final double share;
    private final int minimum;
    private final LongSupplier clock;
    private final long[] slotSecond = new long[SLOTS];
    private final long[] calls = new long[SLOTS];
    private final long[] retries = new long[SLOTS];
    private long exhausted;

    /**
     * @param percent retries allowed, as a percentage of the window's first attempts
     * @param minimum retries allowed in any window whatever the traffic
     */
    public RetryBudget(int percent, int minimum) {
        this(percent, minimum, System::nanoTime);
    }

    RetryBudget(int percent, int minimum, LongSupplier nanoClock) {
        if (percent < 0 || minimum < 0) {
            throw new IllegalArgumentException("The retry budget's percentage and minimum must not be negative");
        }
        this.share = percent / 100.0;
        this.minimum = minimum;
        this.clock = nanoClock;
        java.util.Arrays.fill(slotSecond, Long.MIN_VALUE);
    }

    /** Retries refused since the start because the budget was spent. */
    public synchronized long exhausted() {
        return exhausted;
    }

    /** The window the budget spans. */
    public static Duration window() {
        return Duration.ofSeconds(SLOTS);
    }

    /** An upstream call is being made (a first attempt or a retry). */
    public synchronized void call() {
        calls[slot()]++;
    }

    /** Whether one more retry fits the budget; if it does, it is counted. */
    public synchronized boolean tryRetry() {
        int current = slot();
        long windowCalls = 0;
        long windowRetries = 0;
        long now = second();
        for (int i = 0; i < SLOTS; i++) {
            if (now - slotSecond[i] < SLOTS) {
                windowCalls += calls[i];
                windowRetries += retries[i];
            }
        }
        long firstAttempts = Math.max(0, windowCalls - windowRetries);
        if (windowRetries + 1 > Math.max(minimum, share * firstAttempts)) {
            exhausted++;
            return false;
        }
        retries[current]++;
        return true;
    }

    /** The slot of this second, emptied first if it last held an older second. */
    private int slot() {
        long second = second();
        int index = (int) Math.floorMod(second, SLOTS);
        if (slotSecond[index] != second) {
            slotSecond[index] = second;
            calls[index] = 0;
            retries[index] = 0;
        }
        return index;
    }

    private long second() {
        return Math.floorDiv(clock.getAsLong(), 1_000_000_000L);
    }
}
