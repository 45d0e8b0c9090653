package dev.ccproxy.camel;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBudgetTest {

    private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(1_000));

    private static void calls(RetryBudget budget, int count) {
        for (int i = 0; i < count; i++) {
            budget.call();
        }
    }

    /** Asks for {@code asked} retries, making each one allowed (a retry is an upstream call too). */
    private static int retriesAllowed(RetryBudget budget, int asked) {
        int allowed = 0;
        for (int i = 0; i < asked; i++) {
            if (budget.tryRetry()) {
                budget.call();
                allowed++;
            }
        }
        return allowed;
    }

    @Test
    void a_quiet_proxy_still_gets_the_minimum() {
        RetryBudget budget = new RetryBudget(20, 3, now::get);
        calls(budget, 1);

        assertThat(retriesAllowed(budget, 10)).isEqualTo(3);
    }

    @Test
    void a_busy_proxy_retries_at_most_its_share_of_first_attempts() {
        RetryBudget budget = new RetryBudget(20, 3, now::get);
        calls(budget, 1_000);

        assertThat(retriesAllowed(budget, 1_000)).isEqualTo(200);
    }

    @Test
    void the_window_slides_old_calls_and_retries_out() {
        RetryBudget budget = new RetryBudget(10, 0, now::get);
        calls(budget, 100);
        assertThat(retriesAllowed(budget, 50)).isEqualTo(10);

        now.addAndGet(TimeUnit.SECONDS.toNanos(5));
        calls(budget, 100);
        // 200 first attempts and 10 retries in the window: 10 more
        assertThat(retriesAllowed(budget, 50)).isEqualTo(10);

        now.addAndGet(TimeUnit.SECONDS.toNanos(6));
        // the first second has left the window: 100 first attempts and their 10 retries remain
        assertThat(retriesAllowed(budget, 50)).isZero();

        now.addAndGet(TimeUnit.SECONDS.toNanos(5));
        calls(budget, 50);
        // everything older has left: 50 first attempts, 5 retries
        assertThat(retriesAllowed(budget, 50)).isEqualTo(5);
    }
}
