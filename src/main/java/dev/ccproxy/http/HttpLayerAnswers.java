package dev.ccproxy.http;

import java.util.concurrent.atomic.LongAdder;

/**
 * How many errors the HTTP layer answered itself, before any route ran, by status: malformed or oversized requests,
 * slow clients, unknown paths and methods, 529 at the admission limit. They have no access line (an overload or a
 * scan must not flood the log); the metrics count them ({@code ccproxy_http_errors_total}). Process-wide, like the
 * server that answers them.
 */
public final class HttpLayerAnswers {

    /** Every status {@link ErrorReply} and the strict decoder answer with. */
    public static final int[] STATUSES = {400, 404, 405, 408, 413, 414, 415, 431, 500, 529};
    private static final LongAdder[] COUNTS = new LongAdder[STATUSES.length + 1];

    static {
        for (int i = 0; i < COUNTS.length; i++) {
            COUNTS[i] = new LongAdder();
        }
    }

    private HttpLayerAnswers() {
    }

    static void answered(int status) {
        COUNTS[index(status)].increment();
    }

    /** Answers with {@code status} since the start (one of {@link #STATUSES}; any other status counts as 0). */
    public static long count(int status) {
        int index = index(status);
        return index == STATUSES.length ? 0 : COUNTS[index].sum();
    }

    /** Answers with a status not in {@link #STATUSES}. */
    public static long others() {
        return COUNTS[STATUSES.length].sum();
    }

    private static int index(int status) {
        for (int i = 0; i < STATUSES.length; i++) {
            if (STATUSES[i] == status) {
                return i;
            }
        }
        return STATUSES.length;
    }
}
